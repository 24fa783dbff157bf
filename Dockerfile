# syntax=docker/dockerfile:1
# One image for every paybench app (apps/*: the monolith, each module's service, the log-forwarder, the log driver)
# and the paybench command line. Build it from the repository root (no Docker engine here: keep it small):
#   docker build -t paybench:latest .
# A process runs as `node apps/<app>/dist/main.js` in /app, configured from its environment: what
# `paybench deploy k8s` writes into each Pod.

FROM node:24-bookworm-slim AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true
# The lock file decides every version. .dockerignore keeps node_modules, dist and results out of the context.
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm run build
# Production dependencies only (workspace packages stay linked), then the TypeScript sources and tests go:
# at run time every package resolves to its dist/ (and reads its config/ and built-in/ data files).
RUN npm prune --omit=dev --no-audit --no-fund \
  && find apps libs bench -name node_modules -prune \
       -o -type d \( -name src -o -name test -o -name out-tsc \) -prune -exec rm -rf {} + \
  && find apps libs bench -name node_modules -prune -o -name '*.tsbuildinfo' -exec rm -f {} +

FROM node:24-bookworm-slim
WORKDIR /app
# Owned by root and read-only to the app's user (the Pods also mount the root filesystem read-only).
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/libs ./libs
COPY --from=build /src/apps ./apps
COPY --from=build /src/bench ./bench
# The official image's unprivileged user (uid 1000), which the manifests also name.
USER node
EXPOSE 3000 3100 24224
CMD ["node", "bench/cli/dist/main.js", "--help"]
