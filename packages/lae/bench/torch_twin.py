"""PyTorch CPU twin of the LAE, built from the resolved config JSON the TypeScript side uses (never hard-coded).

The peer of `npm run bench:lae`: the same model (DESIGN §3 as packages/lae implements it: 3x3 conv + batch norm +
leaky ReLU encoder with TF 'same' padding, 1x1 latent of 2K channels, FT channel-mean activations with channel
dropout, BCE or L_act, selection block, nearest-upsampling decoder with a sub-pixel output conv, sigmoid, L_rec,
Grad-CAM locality loss at the latent (closed form) or at an encoder block (autograd, optionally second order),
L_real, Adam with tfjs' defaults), in plain PyTorch as a user of that framework would write it (NCHW, F.batch_norm).

Protocol: one JSON object per line on stdin, one reply per line on stdout. Float arrays travel as base64 float32.
  {"cmd": "build", "config": {...}, "threads": n}        -> {"params": count}
  {"cmd": "train", "seconds": s, "minSteps": n}           -> {"steps", "images", "seconds", "cpu"}  (synthetic batches)
  {"cmd": "score", "images": n, "batch": b}               -> {"images", "seconds", "cpu"}
  {"cmd": "parity", "weights": {...}, "batch": {...}}     -> losses, stats, forward outputs and gradients (TF layout)
Known difference: PyTorch keeps the unbiased batch variance in running_var, the TS model the biased one; it only
touches the moving statistics (scoring), not training's forward, losses or gradients.
"""
import base64
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def f32(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.float32).tobytes()).decode()


def unf32(s, shape):
    return torch.from_numpy(np.frombuffer(base64.b64decode(s), dtype=np.float32).copy()).reshape(shape)


def same_pad(size, k, s):
    """TF 'same' padding (top, bottom) for one axis: the extra row goes at the bottom."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class Twin:
    def __init__(self, c):
        self.c = c
        self.k = c["latentChannels"]
        self.specs = []  # (name, torch tensor, tf shape) in paramSpecs order
        self.p = {}
        self.running = {}
        cin = 3
        for i, cout in enumerate(c["encoderChannels"]):
            self._conv(f"enc{i}", 3, cin, cout, True)
            cin = cout
        self._conv("latent", 1, cin, 2 * self.k, False)
        cin = 2 * self.k
        for i, cout in enumerate(c["decoderChannels"]):
            self._conv(f"dec{i}", 3, cin, cout, True)
            cin = cout
        self._conv("out", 3, cin, 12, False)
        self.trainable = [self.p[n] for n, _ in self.specs]
        self.opt = torch.optim.Adam(self.trainable, lr=c["train"]["learningRate"], betas=(0.9, 0.999), eps=1e-7)

    def _conv(self, prefix, k, cin, cout, bn):
        w = torch.randn(cout, cin, k, k) * (2.0 / (k * k * cin)) ** 0.5
        self._add(f"{prefix}/kernel", w, [k, k, cin, cout])
        if bn:
            self._add(f"{prefix}/gamma", torch.ones(cout), [cout])
            self._add(f"{prefix}/beta", torch.zeros(cout), [cout])
            self.running[prefix] = (torch.zeros(cout), torch.ones(cout))
        else:
            self._add(f"{prefix}/bias", torch.zeros(cout), [cout])

    def _add(self, name, t, tf_shape):
        self.p[name] = t.requires_grad_(True)
        self.specs.append((name, tf_shape))

    # Weight layout: TF conv kernels are [kh, kw, ci, co]; the output conv's channels are ordered (dy, dx, c)
    # by the TS pixel shuffle, PyTorch's pixel_shuffle wants (c, dy, dx): permuted here, same model.
    @staticmethod
    def _out_perm():
        return [dy * 6 + dx * 3 + ch for ch in range(3) for dy in range(2) for dx in range(2)]

    def load_tf(self, weights):
        with torch.no_grad():
            for name, shape in self.specs:
                t = unf32(weights[name], shape)
                if len(shape) == 4:
                    t = t.permute(3, 2, 0, 1)
                if name.startswith("out/"):
                    t = t[self._out_perm()]
                self.p[name].copy_(t)
            for prefix in self.running:
                self.running[prefix] = (unf32(weights[f"{prefix}/moving_mean"], [-1]), unf32(weights[f"{prefix}/moving_variance"], [-1]))

    def grad_tf(self, name, shape):
        g = self.p[name].grad
        if g is None:
            return np.zeros(shape, np.float32)
        if name.startswith("out/"):
            inv = np.argsort(self._out_perm())
            g = g[inv]
        if len(shape) == 4:
            g = g.permute(2, 3, 1, 0)
        return g.detach().numpy()

    # ---- layers ----
    def conv(self, prefix, x, stride, bias=None):
        w = self.p[f"{prefix}/kernel"]
        k = w.shape[-1]
        (t, b), (l, r) = same_pad(x.shape[2], k, stride), same_pad(x.shape[3], k, stride)
        if t == b and l == r:
            return F.conv2d(x, w, bias, stride, (t, l))
        return F.conv2d(F.pad(x, (l, r, t, b)), w, bias, stride)

    def block(self, prefix, x, stride, train, stats):
        y = self.conv(prefix, x, stride)
        rm, rv = self.running[prefix]
        if train and stats is not None:
            stats.append((prefix, y.detach().mean((0, 2, 3)), y.detach().var((0, 2, 3), unbiased=False)))
        # Training updates the running statistics as TS does (momentum = 1 - bnMomentum), once per forward.
        upd = train and stats is not None
        y = F.batch_norm(y, rm if upd or not train else None, rv if upd or not train else None, self.p[f"{prefix}/gamma"], self.p[f"{prefix}/beta"], train, 1 - self.c["bnMomentum"], self.c["bnEpsilon"])
        return F.leaky_relu(y, self.c["leakyAlpha"])

    def encode_from(self, x, start, train, stats):
        feats = []
        for i in range(start, len(self.c["encoderChannels"])):
            x = self.block(f"enc{i}", x, self.c["encoderStrides"][i], train, stats)
            feats.append(x)
        return feats, self.conv("latent", x, 1, self.p["latent/bias"])

    def decode(self, h, train, stats):
        y = h
        last = len(self.c["decoderChannels"]) - 1
        for i in range(last + 1):
            y = self.block(f"dec{i}", y, 1, train, stats)
            if i < last:
                y = F.interpolate(y, scale_factor=2, mode="nearest")
        return torch.sigmoid(F.pixel_shuffle(self.conv("out", y, 1, self.p["out/bias"]), 2))

    def activations(self, means, drop_seed):
        k = self.k
        if drop_seed is not None and self.c["dropout"] > 0:
            rate = self.c["dropout"]
            keep = (torch.rand(means.shape) >= rate).float()
            means = means * keep / (1 - rate)
        return means[:, :k].mean(1), means[:, k:].mean(1)

    def a1_sum(self, f, layer, train):
        _, h = self.encode_from(f, layer + 1, train, None)
        return h[:, self.k:].abs().mean((1, 2, 3)).sum()

    def gradcam(self, h, feats, train):
        layer = self.c["attentionLayer"]
        k = self.k
        g1, g2 = h.shape[2], h.shape[3]
        h1 = h[:, k:]
        if layer == "latent":
            return h1.abs().sum(1) / (g1 * g2 * k)
        if layer == "latent-signed":
            w = torch.sign(h1).mean((2, 3), keepdim=True) / (g1 * g2 * k)
            return F.relu((h1 * w).sum(1))
        f = feats[layer]
        second = self.c["attentionSecondOrder"]
        (grad,) = torch.autograd.grad(self.a1_sum(f, layer, train), f, create_graph=second)
        w = grad.mean((2, 3), keepdim=True)
        if not second:
            w = w.detach()
        return F.relu((f * w).sum(1))

    # ---- losses (losses.ts) ----
    def losses(self, b, drop_seed, stats):
        c, k, eps = self.c, self.k, self.c["epsilon"]
        labels = b["labels"]
        feats, h = self.encode_from(b["x"], 0, True, stats)
        means = h.abs().mean((2, 3))
        a0, a1 = self.activations(means, drop_seed)
        if c["classLoss"] == "bce":
            z = torch.log(a0 + a1 + 2 * eps)
            act = -(labels * (torch.log(a1 + eps) - z) + (1 - labels) * (torch.log(a0 + eps) - z)).mean()
        else:
            ay = labels * a1 + (1 - labels) * a0
            ao = labels * a0 + (1 - labels) * a1
            act = ((ay - 1).abs() + ao.abs()).mean()
        zero = torch.zeros(())
        mc = b["maskedCount"]
        real = zero
        if mc > 0 and c["lambdaRealOutside"] > 0:
            rmap = h[:, :k].abs().mean(1)
            reals = 1 - labels
            n_real = float(reals.sum())
            if n_real > 0:
                target = float((rmap.mean((1, 2)) * reals).sum()) / n_real
                a_out = (rmap * b["outside"]).sum((1, 2)) / (b["outside"].sum((1, 2)) + eps)
                real = ((a_out - target).abs() * b["masked"]).sum() / mc
        rec = zero
        recon = None
        if c["lambdaRec"] > 0:
            keep = torch.cat([1 - labels[:, None].expand(-1, k), labels[:, None].expand(-1, k)], 1)[:, :, None, None]
            recon = self.decode(h * keep, True, stats)
            rec = (b["x"] - recon).abs().mean()
        att = zero
        if mc > 0 and c["lambdaAtt"] > 0:
            cam = self.gradcam(h, feats, True)
            share = (cam * b["outside"]).sum((1, 2)) / ((cam * b["total"]).sum((1, 2)) + eps)
            att = (share * b["masked"]).sum() / mc
        total = c["lambdaAct"] * act + c["lambdaRec"] * rec + c["lambdaAtt"] * att
        if c["lambdaRealOutside"] > 0:
            total = total + c["lambdaRealOutside"] * real
        return {"total": total, "act": act, "rec": rec, "att": att, "real": real}, h, recon

    def step(self, b, drop_seed):
        self.opt.zero_grad(set_to_none=True)
        parts, _, _ = self.losses(b, drop_seed, [])
        parts["total"].backward()
        self.opt.step()
        return {k: float(v) for k, v in parts.items()}

    @torch.no_grad()
    def score(self, x):
        """scoreTensor: p(fake), margin, entropy, normalised attention, dispersion, embedding (no MC dropout)."""
        c, k = self.c, self.k
        train = c["bnEval"] == "batch"
        if isinstance(c["attentionLayer"], int):
            with torch.enable_grad():
                feats, h = self.encode_from(x.requires_grad_(False), 0, train, None)
                cam = self.gradcam(h, feats, train).detach()
        else:
            feats, h = self.encode_from(x, 0, train, None)
            cam = self.gradcam(h, feats, train)
        means = h.abs().mean((2, 3))
        a0, a1 = means[:, :k].mean(1), means[:, k:].mean(1)
        p = a1 / (a0 + a1 + c["epsilon"])
        margin = 1 - (2 * p - 1).abs()
        q = p.clamp(1e-7, 1 - 1e-7)
        entropy = -(q * q.log() + (1 - q) * (1 - q).log()) / np.log(2)
        att = cam / (cam.amax((1, 2), keepdim=True) + 1e-12)
        s = cam.sum((1, 2), keepdim=True)
        qq = cam / (s + 1e-12)
        hq = -(qq * (qq + 1e-12).log()).sum((1, 2)) / np.log(cam.shape[1] * cam.shape[2])
        dispersion = torch.where(s.reshape(-1) > 0, hq, torch.ones_like(hq))
        return {"p": p, "margin": margin, "entropy": entropy, "dispersion": dispersion, "attention": att, "embedding": means}


def grid_of(c):
    layer = c["attentionLayer"]
    strides = c["encoderStrides"] if not isinstance(layer, int) else c["encoderStrides"][: layer + 1]
    return c["imageSize"] // int(np.prod(strides))


class Synthetic:
    """Bench batches shaped as the TS bench's: uint8 pool, alternating labels, minMaskedPerBatch masked fakes."""

    def __init__(self, c, n=256):
        s, self.g = c["imageSize"], grid_of(c)
        gen = torch.Generator().manual_seed(c["seed"])
        self.pool = torch.randint(0, 256, (n, 3, s, s), dtype=torch.uint8, generator=gen)
        self.bs = c["train"]["batchSize"]
        self.n = n
        self.at = 0
        self.masked_per_batch = min(c["train"]["minMaskedPerBatch"], self.bs // 2)

    def next(self):
        idx = torch.arange(self.at, self.at + self.bs) % self.n
        self.at += self.bs
        labels = (torch.arange(self.bs) % 2).float()
        masked = torch.zeros(self.bs)
        masked[1 : 2 * self.masked_per_batch : 2] = 1
        outside = torch.rand(self.bs, self.g, self.g) * masked[:, None, None]
        total = torch.ones(self.bs, self.g, self.g)
        x = self.pool[idx].float() / 255
        return {"x": x, "labels": labels, "masked": masked, "outside": outside, "total": total, "maskedCount": int(masked.sum())}


def parity(twin, msg):
    twin.load_tf(msg["weights"])
    bj = msg["batch"]
    c = twin.c
    s, g, n = c["imageSize"], grid_of(c), len(bj["labels"])
    b = {
        "x": unf32(bj["x"], [n, s, s, 3]).permute(0, 3, 1, 2).contiguous(),
        "labels": torch.tensor(bj["labels"], dtype=torch.float32),
        "masked": torch.tensor(bj["masked"], dtype=torch.float32),
        "outside": unf32(bj["outside"], [n, g, g]),
        "total": unf32(bj["total"], [n, g, g]),
        "maskedCount": bj["maskedCount"],
    }
    out = twin.score(b["x"])  # before training mode, which moves the running statistics
    twin.opt.zero_grad(set_to_none=True)
    stats = []
    parts, _, _ = twin.losses(b, None, stats)
    parts["total"].backward()
    grads = {name: f32(twin.grad_tf(name, shape)) for name, shape in twin.specs}
    return {
        "losses": {k: float(v) for k, v in parts.items()},
        "grads": grads,
        "stats": {p: [f32(m), f32(v)] for p, m, v in stats},
        "score": {k: f32(v.reshape(-1) if k != "attention" else v) for k, v in out.items()},
    }


def main():
    twin = None
    data = None
    for line in sys.stdin:
        msg = json.loads(line)
        try:
            cmd = msg["cmd"]
            if cmd == "build":
                torch.set_num_threads(int(msg.get("threads", 1)))
                torch.manual_seed(msg["config"]["seed"])
                twin = Twin(msg["config"])
                data = Synthetic(msg["config"])
                reply = {"params": sum(t.numel() for t in twin.trainable), "threads": torch.get_num_threads(), "torch": torch.__version__}
            elif cmd == "train":
                t0, c0 = time.perf_counter(), time.process_time()
                steps = 0
                while steps < msg.get("minSteps", 3) or time.perf_counter() - t0 < msg["seconds"]:
                    twin.step(data.next(), steps)
                    steps += 1
                dt = time.perf_counter() - t0
                reply = {"steps": steps, "images": steps * data.bs, "seconds": dt, "cpu": time.process_time() - c0}
            elif cmd == "score":
                bs, n = msg["batch"], msg["images"]
                t0, c0 = time.perf_counter(), time.process_time()
                for i in range(0, n, bs):
                    idx = torch.arange(i, min(n, i + bs)) % data.n
                    out = twin.score(data.pool[idx].float() / 255)
                    _ = {k: v.numpy() for k, v in out.items()}
                reply = {"images": n, "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}
            elif cmd == "parity":
                reply = parity(twin, msg)
            else:
                raise ValueError(f"unknown command {cmd}")
            reply["ok"] = True
        except Exception as e:  # reported to the caller, which fails loudly
            import traceback

            reply = {"ok": False, "error": f"{e}\n{traceback.format_exc()}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
