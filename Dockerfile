# Two images from one build (BuildKit, the default of docker compose v2, builds only the stages a target needs):
#   target `runtime` (the default, last stage): web, worker and CLI on Node; docker compose picks the command.
#   target `gpu`: the worker on CUDA with @tensorflow/tfjs-node-gpu (`docker compose --profile gpu`).
# tfjs-node-gpu 4.22 binds libtensorflow 2.9, which is built against CUDA 11.2 and cuDNN 8.1.
ARG CUDA_IMAGE=nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

FROM base AS build
# libdnnl-dev and a C++ toolchain: @lae-studio/lae-native builds LAE's native training kernels at `npm ci`.
RUN apt-get update && apt-get install -y --no-install-recommends libdnnl-dev python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@lae-studio/web

# The native GPU package is never a dependency (its install downloads libtensorflow from Google's storage):
# it is added here, at build time, pinned to the version of every other @tensorflow/* package
# (packages/lae/package.json), and the build fails unless it found that single tfjs-core and its library.
FROM build AS gpu-deps
ARG TFJS_VERSION=4.22.0
RUN npm i --no-save --no-audit --no-fund -E "@tensorflow/tfjs-node-gpu@${TFJS_VERSION}" \
 && node -e "const v = require('@tensorflow/tfjs-core/package.json').version; if (v !== process.argv[1]) { console.error('tfjs-core ' + v + ' but tfjs-node-gpu ' + process.argv[1]); process.exit(1); }" "${TFJS_VERSION}" \
 && test ! -e node_modules/@tensorflow/tfjs-node-gpu/node_modules/@tensorflow/tfjs-core \
 && find node_modules/@tensorflow/tfjs-node-gpu -name tfjs_binding.node | grep -q . \
 && find node_modules/@tensorflow/tfjs-node-gpu -name 'libtensorflow.so*' | grep -q .

# CUDA 11.2 + cuDNN 8.1 runtime libraries; Node is the one of the `base` image (no extra apt repository).
# The host needs the NVIDIA driver and the NVIDIA Container Toolkit; the worker refuses to start without a GPU.
FROM ${CUDA_IMAGE} AS gpu
COPY --from=base /usr/local/bin/node /usr/local/bin/node
COPY --from=base /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 \
    LAE_BACKEND=tfjs-node-gpu LAE_WORKER_QUEUES=train
COPY --from=gpu-deps /app /app
WORKDIR /app
CMD ["node", "--import", "tsx", "apps/worker/src/main.ts"]

FROM base AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends libdnnl2 libgomp1 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
COPY --from=build /app /app
EXPOSE 3000
WORKDIR /app/apps/web
ENV HOST=0.0.0.0 PORT=3000
CMD ["npx", "tsx", "server.ts"]
