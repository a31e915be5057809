// Side effects that must precede any tensor work: the union package registers every gradient
// (tfjs-core's node bundle does not), the cpu and wasm backends register their factories.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
