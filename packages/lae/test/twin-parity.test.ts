// The PyTorch twin of bench:lae is the same model as the TS one: same weights and batch → same losses, batch-norm
// statistics, gradients and scores (bench/parity.ts). Needs Debian's python3-torch; without it this test is
// reported as skipped, with the reason in its name (npm test never installs or needs torch).
import { beforeAll, describe, expect, it } from 'vitest';
import { checkParity, TOLERANCE } from '../bench/parity.ts';
import { PYTHON, TorchTwin, torchVersion } from '../bench/twin.ts';
import { initBackend } from '../src/backend.ts';
import { parseConfig, presets, type LaeConfigInput } from '../src/config.ts';

const torch = torchVersion();
const reason = torch ? '' : ` (SKIPPED: ${PYTHON} cannot import torch; apt-get install -y python3-torch to run it)`;

describe.skipIf(!torch)(`PyTorch twin parity${reason}`, () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it.each([
    ['default', { imageSize: 32 }],
    ['presets.gpu', { ...presets.gpu, imageSize: 32 }],
    ['Grad-CAM at block 2, second order, L_act', { imageSize: 32, attentionLayer: 2, classLoss: 'act' }],
    ['L_real on, signed latent Grad-CAM', { imageSize: 32, attentionLayer: 'latent-signed', lambdaRealOutside: 1 }],
  ] as Array<[string, LaeConfigInput]>)('%s: within tolerance', async (_name, input) => {
    const twin = new TorchTwin();
    try {
      const r = await checkParity(twin, parseConfig(input));
      for (const k of Object.keys(TOLERANCE) as Array<keyof typeof TOLERANCE>) expect(r.worst[k].err, `${k} at ${r.worst[k].at}`).toBeLessThanOrEqual(TOLERANCE[k]);
    } finally {
      twin.close();
    }
  });
});
