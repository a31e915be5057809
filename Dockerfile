# One image for web, worker and CLI (docker compose picks the command).
FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

FROM base AS build
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@lae-studio/web

FROM base AS runtime
ENV NODE_ENV=production
COPY --from=build /app /app
EXPOSE 3000
WORKDIR /app/apps/web
ENV HOST=0.0.0.0 PORT=3000
CMD ["npx", "tsx", "server.ts"]
