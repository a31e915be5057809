// 2-D convolution forward and both gradients on oneDNN (the library PyTorch's CPU convolutions use), batch norm +
// leaky ReLU forward and backward, ×2 upsampling, L_rec through the sub-pixel output head and Adam, for tfjs's wasm backend: the kernels read and write the wasm heap in place through Float32Array views, NHWC activations and
// HWIO filters as tfjs stores them. Primitives are created once per shape and thread (oneDNN JIT-compiles them).
#include <node_api.h>
#include <omp.h>

#include <cstdint>
#include <cstring>
#include <dnnl.hpp>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include <algorithm>
#include <cmath>

namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

// n, h, w, ci, kh, kw, co, oh, ow, strideH, strideW, dilH, dilW (tfjs: 1 = none), padTop, padBottom, padLeft, padRight
constexpr int kGeometryLen = 17;
struct Geometry {
  int64_t n, h, w, ci, kh, kw, co, oh, ow, sh, sw, dh, dw, pt, pb, pl, pr;
  memory::dims src() const { return {n, ci, h, w}; }
  memory::dims wei() const { return {co, ci, kh, kw}; }
  memory::dims dst() const { return {n, co, oh, ow}; }
  memory::dims strides() const { return {sh, sw}; }
  memory::dims dilates() const { return {dh - 1, dw - 1}; }
  memory::dims padL() const { return {pt, pl}; }
  memory::dims padR() const { return {pb, pr}; }
};

enum class Kind { Forward, BackwardData, BackwardWeights };

struct Thread {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
};

Thread& thread() {
  static thread_local Thread t;
  return t;
}

// One cached convolution: the primitive, its user-layout memories (handles set per call) and, when oneDNN chose
// a blocked filter layout, the filter in that layout plus the reorder between it and tfjs's HWIO.
struct Conv {
  dnnl::primitive prim;
  memory a, b, out;        // user memories: forward (x, w, y); data (dy, w, dx); weights (x, dy, dw)
  memory bias;             // forward with a bias only
  memory wLayout;          // the filter in the primitive's layout (== user's when no reorder)
  dnnl::reorder wReorder;  // user HWIO → wLayout (forward, data) or wLayout → user HWIO (weights)
  bool reorder = false;
  std::string impl;
};

// What a forward convolution adds after the sums, in the same pass: a bias per output channel, then an activation
// (tfjs's fused conv2d): 0 none, 1 ReLU, 2 leaky ReLU with slope `alpha`, 3 sigmoid.
struct Epilogue {
  bool bias = false;
  int activation = 0;
  float alpha = 0;
};

// The thread count is part of the key: oneDNN's JIT convolutions fix their work split when created, so a primitive
// made for one thread would keep running on one after setThreads(2) (measured: scoring stayed at 1.0 core).
std::string key(Kind k, const Geometry& g, const Epilogue& e) {
  std::string s(1, static_cast<char>('0' + static_cast<int>(k)));
  s += "t" + std::to_string(omp_get_max_threads());
  if (e.bias || e.activation) s += "b" + std::to_string(e.bias) + "a" + std::to_string(e.activation) + "@" + std::to_string(e.alpha);
  const int64_t* v = &g.n;
  for (int i = 0; i < kGeometryLen; i++) s += ',' + std::to_string(v[i]);
  return s;
}

memory::desc md(const memory::dims& d, tag t) { return memory::desc(d, dt::f32, t); }

dnnl::convolution_forward::primitive_desc forwardPd(const Geometry& g, const dnnl::engine& eng) {
  dnnl::convolution_forward::desc d(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, md(g.src(), tag::nhwc),
                                    md(g.wei(), tag::any), md(g.dst(), tag::nhwc), g.strides(), g.dilates(), g.padL(), g.padR());
  return {d, eng};
}

Conv make(Kind k, const Geometry& g, const Epilogue& e) {
  Thread& t = thread();
  Conv c;
  const memory::desc user = md(g.wei(), tag::hwio);
  auto fpd = forwardPd(g, t.eng);
  memory::desc chosen;
  if (k == Kind::Forward && (e.bias || e.activation)) {
    dnnl::primitive_attr attr;
    if (e.activation) {
      dnnl::post_ops po;
      if (e.activation == 3)
        po.append_eltwise(1.f, dnnl::algorithm::eltwise_logistic, 0.f, 0.f);
      else
        po.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, e.activation == 2 ? e.alpha : 0.f, 0.f);
      attr.set_post_ops(po);
    }
    const memory::desc bias = e.bias ? memory::desc({g.co}, dt::f32, tag::x) : memory::desc();
    dnnl::convolution_forward::desc d(dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, md(g.src(), tag::nhwc),
                                      md(g.wei(), tag::any), bias, md(g.dst(), tag::nhwc), g.strides(), g.dilates(), g.padL(), g.padR());
    dnnl::convolution_forward::primitive_desc pd(d, attr, t.eng);
    c.prim = dnnl::convolution_forward(pd);
    chosen = pd.weights_desc();
    c.impl = pd.impl_info_str();
    c.a = memory(pd.src_desc(), t.eng, nullptr);
    c.out = memory(pd.dst_desc(), t.eng, nullptr);
    if (e.bias) c.bias = memory(bias, t.eng, nullptr);
  } else if (k == Kind::Forward) {
    c.prim = dnnl::convolution_forward(fpd);
    chosen = fpd.weights_desc();
    c.impl = fpd.impl_info_str();
    c.a = memory(fpd.src_desc(), t.eng, nullptr);
    c.out = memory(fpd.dst_desc(), t.eng, nullptr);
  } else if (k == Kind::BackwardData) {
    dnnl::convolution_backward_data::desc d(dnnl::algorithm::convolution_direct, md(g.src(), tag::nhwc), md(g.wei(), tag::any),
                                            md(g.dst(), tag::nhwc), g.strides(), g.dilates(), g.padL(), g.padR());
    dnnl::convolution_backward_data::primitive_desc pd(d, t.eng, fpd);
    c.prim = dnnl::convolution_backward_data(pd);
    chosen = pd.weights_desc();
    c.impl = pd.impl_info_str();
    c.a = memory(pd.diff_dst_desc(), t.eng, nullptr);
    c.out = memory(pd.diff_src_desc(), t.eng, nullptr);
  } else {
    dnnl::convolution_backward_weights::desc d(dnnl::algorithm::convolution_direct, md(g.src(), tag::nhwc), md(g.wei(), tag::any),
                                               md(g.dst(), tag::nhwc), g.strides(), g.dilates(), g.padL(), g.padR());
    dnnl::convolution_backward_weights::primitive_desc pd(d, t.eng, fpd);
    c.prim = dnnl::convolution_backward_weights(pd);
    chosen = pd.diff_weights_desc();
    c.impl = pd.impl_info_str();
    c.a = memory(pd.src_desc(), t.eng, nullptr);
    c.b = memory(pd.diff_dst_desc(), t.eng, nullptr);
  }
  c.reorder = chosen != user;
  memory u(user, t.eng, nullptr);
  if (c.reorder) {
    c.wLayout = memory(chosen, t.eng);  // owned buffer
    c.wReorder = k == Kind::BackwardWeights ? dnnl::reorder(c.wLayout, u) : dnnl::reorder(u, c.wLayout);
  }
  (k == Kind::BackwardWeights ? c.out : c.b) = u;
  return c;
}

Conv& cached(Kind k, const Geometry& g, const Epilogue& e = {}) {
  static thread_local std::unordered_map<std::string, std::unique_ptr<Conv>> cache;
  auto& slot = cache[key(k, g, e)];
  if (!slot) slot = std::make_unique<Conv>(make(k, g, e));
  return *slot;
}

// Runs one convolution on caller-owned buffers: a, b inputs and out the output, in the roles of Conv's comment;
// `bias` for a forward epilogue with one.
void run(Kind k, const Geometry& g, float* a, float* b, float* out, const Epilogue& e = {}, float* bias = nullptr) {
  Conv& c = cached(k, g, e);
  Thread& t = thread();
  c.a.set_data_handle(a);
  if (k == Kind::BackwardWeights) {
    c.b.set_data_handle(b);
    c.out.set_data_handle(out);
    memory& dw = c.reorder ? c.wLayout : c.out;
    c.prim.execute(t.strm, {{DNNL_ARG_SRC, c.a}, {DNNL_ARG_DIFF_DST, c.b}, {DNNL_ARG_DIFF_WEIGHTS, dw}});
    if (c.reorder) c.wReorder.execute(t.strm, c.wLayout, c.out);
  } else {
    c.b.set_data_handle(b);
    c.out.set_data_handle(out);
    if (c.reorder) c.wReorder.execute(t.strm, c.b, c.wLayout);
    memory& w = c.reorder ? c.wLayout : c.b;
    if (k == Kind::Forward && e.bias) {
      c.bias.set_data_handle(bias);
      c.prim.execute(t.strm, {{DNNL_ARG_SRC, c.a}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_BIAS, c.bias}, {DNNL_ARG_DST, c.out}});
    } else if (k == Kind::Forward) {
      c.prim.execute(t.strm, {{DNNL_ARG_SRC, c.a}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DST, c.out}});
    } else {
      c.prim.execute(t.strm, {{DNNL_ARG_DIFF_DST, c.a}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DIFF_SRC, c.out}});
    }
  }
  t.strm.wait();
}

// ---- Batch norm (batch statistics) + leaky ReLU over NHWC, C innermost: the same arithmetic as the JS kernel in
// packages/lae/src/kernels/bn-leaky.ts (sums in double, per-channel scale/shift rounded to float32). Cloned per ISA
// at build time and picked at load, so one binary runs on any x86-64 (and on a host other than the one that built it).
#if defined(__x86_64__)
#define LAE_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define LAE_CLONES
#endif

// NHWC with few channels (8–64 here) leaves a per-pixel loop over C too short to fill a vector, so every pass runs
// over tiles of W = C·⌈64/C⌉ floats (whole pixels) with per-channel constants repeated across the tile; the rest of
// the tensor (fewer than 64/C pixels) takes the same loop with a shorter tile.
struct Tiles {
  size_t c, w, full, tail;  // channels, tile width, whole tiles, floats after them
  Tiles(size_t len, size_t c_) : c(c_), w(c_ * ((64 + c_ - 1) / c_)), full(len / w), tail(len % w) {}
  template <class T>
  std::vector<T> repeat(const std::vector<T>& perChannel) const {
    std::vector<T> out(w);
    for (size_t i = 0; i < w; i++) out[i] = perChannel[i % c];
    return out;
  }
  // Folds a tile-wide accumulator into per-channel sums.
  std::vector<double> fold(const std::vector<double>& acc) const {
    std::vector<double> out(c, 0.0);
    for (size_t i = 0; i < w; i++) out[i % c] += acc[i];
    return out;
  }
};

LAE_CLONES void sums(const float* y, const Tiles& t, double* s1, double* s2) {
  for (size_t k = 0; k < t.full; k++) {
    const float* r = y + k * t.w;
    for (size_t i = 0; i < t.w; i++) {
      const double v = r[i];
      s1[i] += v;
      s2[i] += v * v;
    }
  }
  const float* r = y + t.full * t.w;
  for (size_t i = 0; i < t.tail; i++) {
    const double v = r[i];
    s1[i] += v;
    s2[i] += v * v;
  }
}

LAE_CLONES void affineLeaky(const float* y, const Tiles& t, const float* scale, const float* shift, float alpha, float* out) {
  for (size_t k = 0; k <= t.full; k++) {
    const size_t n = k < t.full ? t.w : t.tail;
    const float* r = y + k * t.w;
    float* o = out + k * t.w;
    for (size_t i = 0; i < n; i++) {
      const float z = r[i] * scale[i] + shift[i];
      o[i] = z > 0 ? z : z * alpha;
    }
  }
}

void bnLeakyForward(const float* y, size_t len, size_t c, const float* gamma, const float* beta, float eps, float alpha, float* out, float* mean,
                    float* variance) {
  const size_t n = len / c;
  const Tiles t(len, c);
  std::vector<double> a1(t.w, 0.0), a2(t.w, 0.0);
  sums(y, t, a1.data(), a2.data());
  const std::vector<double> s1 = t.fold(a1), s2 = t.fold(a2);
  std::vector<float> scale(c), shift(c);
  for (size_t j = 0; j < c; j++) {
    const double m = s1[j] / n;
    const double v = std::max(0.0, s2[j] / n - m * m);
    mean[j] = static_cast<float>(m);
    variance[j] = static_cast<float>(v);
    scale[j] = static_cast<float>(gamma[j] / std::sqrt(static_cast<double>(variance[j]) + eps));
    shift[j] = static_cast<float>(beta[j] - static_cast<double>(mean[j]) * scale[j]);
  }
  affineLeaky(y, t, t.repeat(scale).data(), t.repeat(shift).data(), alpha, out);
}

// Per tile position: dz = dOut·(z > 0 ? 1 : α), accumulating Σdz and Σdz·x̂ (x̂ = (y − μ)·inv).
LAE_CLONES void gradSums(const float* dOut, const float* y, const Tiles& t, const float* mean, const float* inv, const float* scale, const float* shift,
                         float alpha, double* sdz, double* sdzx) {
  for (size_t k = 0; k <= t.full; k++) {
    const size_t n = k < t.full ? t.w : t.tail;
    const float* yr = y + k * t.w;
    const float* gr = dOut + k * t.w;
    for (size_t i = 0; i < n; i++) {
      const float xh = (yr[i] - mean[i]) * inv[i];
      const float d = yr[i] * scale[i] + shift[i] > 0 ? gr[i] : gr[i] * alpha;
      sdz[i] += d;
      sdzx[i] += static_cast<double>(d) * xh;
    }
  }
}

// dy = γ·inv · (dz − Σdz/N − x̂·Σdz·x̂/N).
LAE_CLONES void gradInput(const float* dOut, const float* y, const Tiles& t, const float* mean, const float* inv, const float* scale, const float* shift,
                          float alpha, const float* k_, const float* mdz, const float* mdzx, float* dy) {
  for (size_t k = 0; k <= t.full; k++) {
    const size_t n = k < t.full ? t.w : t.tail;
    const float* yr = y + k * t.w;
    const float* gr = dOut + k * t.w;
    float* o = dy + k * t.w;
    for (size_t i = 0; i < n; i++) {
      const float xh = (yr[i] - mean[i]) * inv[i];
      const float d = yr[i] * scale[i] + shift[i] > 0 ? gr[i] : gr[i] * alpha;
      o[i] = k_[i] * (d - mdz[i] - xh * mdzx[i]);
    }
  }
}

void bnLeakyBackward(const float* dOut, const float* y, size_t len, size_t c, const float* gamma, const float* beta, const float* mean,
                     const float* variance, float eps, float alpha, float* dy, float* dGamma, float* dBeta) {
  const size_t n = len / c;
  const Tiles t(len, c);
  std::vector<float> m(c), inv(c), scale(c), shift(c), k(c), mdz(c), mdzx(c);
  for (size_t j = 0; j < c; j++) {
    m[j] = mean[j];
    inv[j] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(variance[j]) + eps));
    scale[j] = static_cast<float>(gamma[j] / std::sqrt(static_cast<double>(variance[j]) + eps));
    shift[j] = static_cast<float>(beta[j] - static_cast<double>(mean[j]) * scale[j]);
    k[j] = gamma[j] * inv[j];
  }
  const std::vector<float> mT = t.repeat(m), invT = t.repeat(inv), scT = t.repeat(scale), shT = t.repeat(shift);
  std::vector<double> a1(t.w, 0.0), a2(t.w, 0.0);
  gradSums(dOut, y, t, mT.data(), invT.data(), scT.data(), shT.data(), alpha, a1.data(), a2.data());
  const std::vector<double> sdz = t.fold(a1), sdzx = t.fold(a2);
  for (size_t j = 0; j < c; j++) {
    dBeta[j] = static_cast<float>(sdz[j]);
    dGamma[j] = static_cast<float>(sdzx[j]);
    mdz[j] = static_cast<float>(sdz[j] / n);
    mdzx[j] = static_cast<float>(sdzx[j] / n);
  }
  gradInput(dOut, y, t, mT.data(), invT.data(), scT.data(), shT.data(), alpha, t.repeat(k).data(), t.repeat(mdz).data(), t.repeat(mdzx).data(), dy);
}

// ---- Nearest-neighbour ×2 upsampling (the decoder's) and its gradient, NHWC: each input pixel's C floats go to
// a 2×2 block; the gradient sums the block. Plain copies and adds, vectorised over the pixel's channels.
LAE_CLONES void upsample2x(const float* x, size_t n, size_t h, size_t w, size_t c, float* y) {
  const size_t ow = 2 * w;
  for (size_t b = 0; b < n; b++)
    for (size_t i = 0; i < h; i++) {
      const float* in = x + ((b * h + i) * w) * c;
      float* r0 = y + ((b * 2 * h + 2 * i) * ow) * c;
      for (size_t j = 0; j < w; j++)
        for (size_t k = 0; k < c; k++) r0[(2 * j) * c + k] = r0[(2 * j + 1) * c + k] = in[j * c + k];
      std::memcpy(r0 + ow * c, r0, ow * c * sizeof(float));
    }
}

LAE_CLONES void upsample2xGrad(const float* dy, size_t n, size_t h, size_t w, size_t c, float* dx) {
  const size_t ow = 2 * w;
  for (size_t b = 0; b < n; b++)
    for (size_t i = 0; i < h; i++) {
      const float* r0 = dy + ((b * 2 * h + 2 * i) * ow) * c;
      const float* r1 = r0 + ow * c;
      float* out = dx + ((b * h + i) * w) * c;
      for (size_t j = 0; j < w; j++)
        for (size_t k = 0; k < c; k++) out[j * c + k] = (r0[(2 * j) * c + k] + r0[(2 * j + 1) * c + k]) + (r1[(2 * j) * c + k] + r1[(2 * j + 1) * c + k]);
    }
}

// ---- L_rec through the sub-pixel output head (packages/lae/src/kernels/rec-head.ts has the definition): z [n,h,w,4c]
// after the sigmoid, x [n,2h,2w,c]; for each z pixel and dy, its 2c values for that dy are x's two adjacent pixels.
LAE_CLONES double recL1Sum(const float* z, const float* x, size_t n, size_t h, size_t w, size_t c) {
  double s = 0;
  const size_t c2 = 2 * c;
  for (size_t b = 0; b < n; b++)
    for (size_t i = 0; i < h; i++)
      for (size_t j = 0; j < w; j++)
        for (size_t dy = 0; dy < 2; dy++) {
          const float* zr = z + ((b * h + i) * w + j) * 4 * c + dy * c2;
          const float* xr = x + ((b * 2 * h + 2 * i + dy) * 2 * w + 2 * j) * c;
          for (size_t k = 0; k < c2; k++) s += std::fabs(xr[k] - zr[k]);
        }
  return s;
}

// Accumulates into acc (4c doubles, zeroed by the caller): a std::vector inside a target clone keeps GCC from
// using the clone's vector width here, and a branch on the sign of x − r costs a misprediction per pixel.
LAE_CLONES void recL1GradLoop(const float* z, const float* x, size_t n, size_t h, size_t w, size_t c, float g, float* dz, double* acc) {
  const size_t c2 = 2 * c, c4 = 4 * c;
  uint32_t gBits;
  std::memcpy(&gBits, &g, 4);
  for (size_t b = 0; b < n; b++)
    for (size_t i = 0; i < h; i++)
      for (size_t j = 0; j < w; j++)
        for (size_t dy = 0; dy < 2; dy++) {
          const size_t o = ((b * h + i) * w + j) * c4 + dy * c2;
          const float* xr = x + ((b * 2 * h + 2 * i + dy) * 2 * w + 2 * j) * c;
          double* a = acc + dy * c2;
          for (size_t k = 0; k < c2; k++) {
            const float zv = z[o + k];
            const uint32_t bits = gBits ^ (static_cast<uint32_t>(xr[k] - zv > 0) << 31);  // −g where x − r > 0
            float gr;
            std::memcpy(&gr, &bits, 4);
            const float v = gr * (zv * (1.f - zv));
            dz[o + k] = v;
            a[k] += v;
          }
        }
}

void recL1Grad(const float* z, const float* x, size_t n, size_t h, size_t w, size_t c, float g, float* dz, float* db) {
  std::vector<double> acc(4 * c, 0.0);
  recL1GradLoop(z, x, n, h, w, c, g, dz, acc.data());
  for (size_t k = 0; k < 4 * c; k++) db[k] = static_cast<float>(acc[k]);
}

// ---- Adam, one weight per call (packages/lae/src/kernels/adam.ts adamUpdate has the definition): every operation
// rounded to float32 in tfjs's order; k = {β₁, 1−β₁, β₂, 1−β₂, 1−β₁ᵗ, 1−β₂ᵗ, ε, −lr} as float32 from the caller.
LAE_CLONES void adamLoop(const float* x, const float* m, const float* v, const float* g, size_t len, const float* k, float* xo, float* mo, float* vo) {
  const float b1 = k[0], c1 = k[1], b2 = k[2], c2 = k[3], d1 = k[4], d2 = k[5], eps = k[6], lr = k[7];
  for (size_t i = 0; i < len; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * c1;
    const float vi = v[i] * b2 + (gi * gi) * c2;
    mo[i] = mi;
    vo[i] = vi;
    xo[i] = ((mi / d1) / (std::sqrt(vi / d2) + eps)) * lr + x[i];
  }
}

// ---- N-API glue ----

bool throwIf(napi_env env, bool bad, const std::string& msg) {
  if (bad) napi_throw_type_error(env, nullptr, msg.c_str());
  return bad;
}

bool floats(napi_env env, napi_value v, size_t want, const char* name, float** out) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  napi_is_typedarray(env, v, &is);
  if (throwIf(env, !is, std::string(name) + " must be a Float32Array")) return false;
  napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr);
  if (throwIf(env, type != napi_float32_array, std::string(name) + " must be a Float32Array")) return false;
  if (throwIf(env, length != want, std::string(name) + " has " + std::to_string(length) + " elements, the geometry needs " + std::to_string(want))) return false;
  *out = static_cast<float*>(data);
  return true;
}

bool geometry(napi_env env, napi_value v, Geometry* g) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  napi_is_typedarray(env, v, &is);
  if (is) napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr);
  if (throwIf(env, !is || type != napi_int32_array || length != kGeometryLen, "geometry must be an Int32Array of 17")) return false;
  const int32_t* s = static_cast<int32_t*>(data);
  int64_t* d = &g->n;
  for (int i = 0; i < kGeometryLen; i++) d[i] = s[i];
  bool ok = g->n > 0 && g->h > 0 && g->w > 0 && g->ci > 0 && g->kh > 0 && g->kw > 0 && g->co > 0 && g->oh > 0 && g->ow > 0 && g->sh > 0 &&
            g->sw > 0 && g->dh > 0 && g->dw > 0 && g->pt >= 0 && g->pb >= 0 && g->pl >= 0 && g->pr >= 0;
  return !throwIf(env, !ok, "geometry has a dimension below its minimum");
}

napi_value conv(napi_env env, napi_callback_info info, Kind k) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 4, "expected (a, b, out, geometry)")) return nullptr;
  Geometry g;
  if (!geometry(env, argv[3], &g)) return nullptr;
  const size_t x = g.n * g.h * g.w * g.ci, w = g.kh * g.kw * g.ci * g.co, y = g.n * g.oh * g.ow * g.co;
  const size_t sizes[3][3] = {{x, w, y}, {y, w, x}, {x, y, w}};
  const char* names[3][3] = {{"x", "filter", "y"}, {"dy", "filter", "dx"}, {"x", "dy", "dw"}};
  const int ki = static_cast<int>(k);
  float* p[3];
  for (int i = 0; i < 3; i++)
    if (!floats(env, argv[i], sizes[ki][i], names[ki][i], &p[i])) return nullptr;
  try {
    run(k, g, p[0], p[1], p[2]);
  } catch (const dnnl::error& e) {
    napi_throw_error(env, nullptr, (std::string("oneDNN: ") + e.what()).c_str());
  }
  return nullptr;
}

napi_value forward(napi_env env, napi_callback_info info) { return conv(env, info, Kind::Forward); }

bool number(napi_env env, napi_value v, const char* name, float* out);

// conv2dFused(x, filter, bias | null, y, geometry, activation 0|1|2|3, alpha): y = act(conv(x, filter) + bias).
napi_value forwardFused(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 7, "expected (x, filter, bias | null, y, geometry, activation, alpha)")) return nullptr;
  Geometry g;
  if (!geometry(env, argv[4], &g)) return nullptr;
  float *x, *w, *y, *bias = nullptr;
  if (!floats(env, argv[0], g.n * g.h * g.w * g.ci, "x", &x) || !floats(env, argv[1], g.kh * g.kw * g.ci * g.co, "filter", &w) ||
      !floats(env, argv[3], g.n * g.oh * g.ow * g.co, "y", &y))
    return nullptr;
  napi_valuetype bt;
  napi_typeof(env, argv[2], &bt);
  Epilogue e;
  e.bias = bt != napi_null && bt != napi_undefined;
  if (e.bias && !floats(env, argv[2], g.co, "bias", &bias)) return nullptr;
  int32_t act = -1;
  if (throwIf(env, napi_get_value_int32(env, argv[5], &act) != napi_ok || act < 0 || act > 3, "activation must be 0 (none), 1 (relu), 2 (leaky relu) or 3 (sigmoid)")) return nullptr;
  e.activation = act;
  if (act == 2 && !number(env, argv[6], "alpha", &e.alpha)) return nullptr;
  try {
    run(Kind::Forward, g, x, w, y, e, bias);
  } catch (const dnnl::error& err) {
    napi_throw_error(env, nullptr, (std::string("oneDNN: ") + err.what()).c_str());
  }
  return nullptr;
}
napi_value backwardData(napi_env env, napi_callback_info info) { return conv(env, info, Kind::BackwardData); }
napi_value backwardWeights(napi_env env, napi_callback_info info) { return conv(env, info, Kind::BackwardWeights); }

// Float32Array of any length (checked by the caller).
bool anyFloats(napi_env env, napi_value v, const char* name, float** out, size_t* length) {
  napi_typedarray_type type;
  void* data = nullptr;
  bool is = false;
  napi_is_typedarray(env, v, &is);
  if (is) napi_get_typedarray_info(env, v, &type, length, &data, nullptr, nullptr);
  if (throwIf(env, !is || type != napi_float32_array, std::string(name) + " must be a Float32Array")) return false;
  *out = static_cast<float*>(data);
  return true;
}

bool number(napi_env env, napi_value v, const char* name, float* out) {
  double d = 0;
  if (throwIf(env, napi_get_value_double(env, v, &d) != napi_ok || !std::isfinite(d), std::string(name) + " must be a finite number")) return false;
  *out = static_cast<float>(d);
  return true;
}

// bnLeakyForward(y, gamma, beta, out, mean, variance, epsilon, alpha); C = gamma.length.
napi_value bnForward(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 8, "expected (y, gamma, beta, out, mean, variance, epsilon, alpha)")) return nullptr;
  const char* names[6] = {"y", "gamma", "beta", "out", "mean", "variance"};
  float* p[6];
  size_t len[6];
  for (int i = 0; i < 6; i++)
    if (!anyFloats(env, argv[i], names[i], &p[i], &len[i])) return nullptr;
  float eps, alpha;
  if (!number(env, argv[6], "epsilon", &eps) || !number(env, argv[7], "alpha", &alpha)) return nullptr;
  const size_t c = len[1];
  if (throwIf(env, c == 0 || len[0] == 0 || len[0] % c != 0 || len[3] != len[0], "y and out must have the same length, a positive multiple of gamma's")) return nullptr;
  if (throwIf(env, len[2] != c || len[4] != c || len[5] != c, "gamma, beta, mean and variance must have one value per channel")) return nullptr;
  bnLeakyForward(p[0], len[0], c, p[1], p[2], eps, alpha, p[3], p[4], p[5]);
  return nullptr;
}

// bnLeakyBackward(dOut, y, gamma, beta, mean, variance, dy, dGamma, dBeta, epsilon, alpha); C = gamma.length.
napi_value bnBackward(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 11, "expected (dOut, y, gamma, beta, mean, variance, dy, dGamma, dBeta, epsilon, alpha)")) return nullptr;
  const char* names[9] = {"dOut", "y", "gamma", "beta", "mean", "variance", "dy", "dGamma", "dBeta"};
  float* p[9];
  size_t len[9];
  for (int i = 0; i < 9; i++)
    if (!anyFloats(env, argv[i], names[i], &p[i], &len[i])) return nullptr;
  float eps, alpha;
  if (!number(env, argv[9], "epsilon", &eps) || !number(env, argv[10], "alpha", &alpha)) return nullptr;
  const size_t c = len[2];
  if (throwIf(env, c == 0 || len[1] == 0 || len[1] % c != 0 || len[0] != len[1] || len[6] != len[1], "dOut, y and dy must have the same length, a positive multiple of gamma's")) return nullptr;
  for (int i : {3, 4, 5, 7, 8})
    if (throwIf(env, len[i] != c, std::string(names[i]) + " must have one value per channel")) return nullptr;
  bnLeakyBackward(p[0], p[1], len[1], c, p[2], p[3], p[4], p[5], eps, alpha, p[6], p[7], p[8]);
  return nullptr;
}

// Four integer dimensions n, h, w, c from argv[0..3], each in [1, 2^24].
bool dims4(napi_env env, napi_value* argv, int64_t* d) {
  const char* names[4] = {"n", "h", "w", "c"};
  for (int i = 0; i < 4; i++)
    if (throwIf(env, napi_get_value_int64(env, argv[i], &d[i]) != napi_ok || d[i] < 1 || d[i] > (1 << 24), std::string(names[i]) + " must be an integer from 1 to 2^24")) return false;
  return true;
}

// upsample2x(x, y, n, h, w, c) and upsample2xGrad(dy, dx, n, h, w, c): x/dx are [n,h,w,c], y/dy [n,2h,2w,c].
napi_value upsample(napi_env env, napi_callback_info info, bool grad) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 6, grad ? "expected (dy, dx, n, h, w, c)" : "expected (x, y, n, h, w, c)")) return nullptr;
  int64_t d[4];
  if (!dims4(env, argv + 2, d)) return nullptr;
  const size_t small = d[0] * d[1] * d[2] * d[3];
  float *a, *b;
  if (!floats(env, argv[0], grad ? 4 * small : small, grad ? "dy" : "x", &a) || !floats(env, argv[1], grad ? small : 4 * small, grad ? "dx" : "y", &b)) return nullptr;
  (grad ? upsample2xGrad : upsample2x)(a, d[0], d[1], d[2], d[3], b);
  return nullptr;
}

napi_value upsampleForward(napi_env env, napi_callback_info info) { return upsample(env, info, false); }
napi_value upsampleBackward(napi_env env, napi_callback_info info) { return upsample(env, info, true); }

// recL1Sum(z, x, n, h, w, c) → Σ |x − shuffle(z)|; recL1Grad(z, x, n, h, w, c, dyOverN, dz, db).
napi_value recSum(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 6, "expected (z, x, n, h, w, c)")) return nullptr;
  int64_t d[4];
  if (!dims4(env, argv + 2, d)) return nullptr;
  const size_t len = d[0] * d[1] * d[2] * 4 * d[3];
  float *z, *x;
  if (!floats(env, argv[0], len, "z", &z) || !floats(env, argv[1], len, "x", &x)) return nullptr;
  napi_value out;
  napi_create_double(env, recL1Sum(z, x, d[0], d[1], d[2], d[3]), &out);
  return out;
}

napi_value recGrad(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 9, "expected (z, x, n, h, w, c, dyOverN, dz, db)")) return nullptr;
  int64_t d[4];
  if (!dims4(env, argv + 2, d)) return nullptr;
  const size_t len = d[0] * d[1] * d[2] * 4 * d[3];
  float *z, *x, *dz, *db, g;
  if (!floats(env, argv[0], len, "z", &z) || !floats(env, argv[1], len, "x", &x) || !number(env, argv[6], "dyOverN", &g) || !floats(env, argv[7], len, "dz", &dz) ||
      !floats(env, argv[8], 4 * d[3], "db", &db))
    return nullptr;
  recL1Grad(z, x, d[0], d[1], d[2], d[3], g, dz, db);
  return nullptr;
}

// adam(x, m, v, g, xo, mo, vo, k): k a Float32Array of 8 constants (see adamLoop); all others of one length.
napi_value adam(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (throwIf(env, argc != 8, "expected (x, m, v, g, xo, mo, vo, constants)")) return nullptr;
  const char* names[7] = {"x", "m", "v", "g", "xo", "mo", "vo"};
  float* p[7];
  size_t len[7];
  for (int i = 0; i < 7; i++)
    if (!anyFloats(env, argv[i], names[i], &p[i], &len[i])) return nullptr;
  for (int i = 1; i < 7; i++)
    if (throwIf(env, len[i] != len[0], std::string(names[i]) + " must have as many elements as x")) return nullptr;
  float* k;
  if (!floats(env, argv[7], 8, "constants", &k)) return nullptr;
  adamLoop(p[0], p[1], p[2], p[3], len[0], k, p[4], p[5], p[6]);
  return nullptr;
}

napi_value setThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value v;
  napi_get_cb_info(env, info, &argc, &v, nullptr, nullptr);
  int32_t n = 0;
  if (argc != 1 || napi_get_value_int32(env, v, &n) != napi_ok || n < 1) {
    napi_throw_type_error(env, nullptr, "setThreads(n): n must be a positive integer");
    return nullptr;
  }
  omp_set_num_threads(n);  // per calling thread: each tfjs thread keeps its own count
  return nullptr;
}

// The implementation oneDNN chose for one geometry (e.g. "brg:avx512_core", "jit:avx2"): for logs and benchmarks.
napi_value implementation(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t kind = -1;
  if (throwIf(env, argc != 2 || napi_get_value_int32(env, argv[0], &kind) != napi_ok || kind < 0 || kind > 2, "implementation(kind 0|1|2, geometry)")) return nullptr;
  Geometry g;
  if (!geometry(env, argv[1], &g)) return nullptr;
  napi_value out;
  try {
    const std::string s = cached(static_cast<Kind>(kind), g).impl;
    napi_create_string_utf8(env, s.c_str(), s.size(), &out);
  } catch (const dnnl::error& e) {
    napi_throw_error(env, nullptr, (std::string("oneDNN: ") + e.what()).c_str());
    return nullptr;
  }
  return out;
}

napi_value version(napi_env env, napi_callback_info) {
  const dnnl_version_t* v = dnnl_version();
  const std::string s = std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
  napi_value out;
  napi_create_string_utf8(env, s.c_str(), s.size(), &out);
  return out;
}

}  // namespace

NAPI_MODULE_INIT() {
  omp_set_num_threads(1);  // one core per tfjs thread unless told otherwise: training shards run one per thread
  const napi_property_descriptor props[] = {
      {"conv2d", nullptr, forward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv2dFused", nullptr, forwardFused, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv2dBackpropInput", nullptr, backwardData, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv2dBackpropFilter", nullptr, backwardWeights, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"bnLeakyForward", nullptr, bnForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"bnLeakyBackward", nullptr, bnBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"upsample2x", nullptr, upsampleForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"upsample2xGrad", nullptr, upsampleBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"recL1Sum", nullptr, recSum, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"recL1Grad", nullptr, recGrad, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adam", nullptr, adam, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setThreads", nullptr, setThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"implementation", nullptr, implementation, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"version", nullptr, version, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}
