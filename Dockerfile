# syntax=docker/dockerfile:1
# AutoArr image: the Home Assistant app (add-on) and the standalone container are the same image.
# Built from the repository root (CI: home-assistant/builder build-image with context "." and file "Dockerfile");
# config.yaml points at the published multi-arch image, so the Supervisor pulls it instead of building.
#
# Both stages use the same base so the native better-sqlite3 module is compiled against the exact Node.js
# (and musl) the runtime ships; building on node:20-alpine and running on Alpine's nodejs would mix ABIs.
ARG BUILD_FROM=ghcr.io/home-assistant/base:3.24

# ---- build: install everything, compile the server and the web UI, then drop dev dependencies ----
FROM ${BUILD_FROM} AS build
RUN apk add --no-cache nodejs npm python3 make g++
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY autoarr/src ./autoarr/src
COPY web ./web
# Keeps the runtime image small (target 150 MB): the native module's sources, objects and test build, and the
# type declarations, source maps and docs of the dependencies are not needed at run time.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && cd node_modules/better-sqlite3 \
  && find build -mindepth 1 -not -path build/Release -not -path build/Release/better_sqlite3.node -delete \
  && rm -rf deps src \
  && cd /app \
  && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \
     -o -name '*.md' \) -delete

# ---- runtime: Node.js only, production dependencies, no compiler ----
FROM ${BUILD_FROM}
ARG BUILD_ARCH=amd64
ARG BUILD_VERSION=0.1.0
# tini runs as PID 1: it forwards SIGTERM/SIGINT to node and reaps zombies. The base image's s6 /init is not
# used (config.yaml has init: false), so the Supervisor's `docker stop` reaches node's own handler, which
# stops every feature and exits within 5 s.
RUN apk add --no-cache nodejs tini
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist

ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=8099
EXPOSE 8099
VOLUME ["/data"]

# Uses node's fetch, so the check works without curl/wget in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8099)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

LABEL \
  io.hass.name="AutoArr" \
  io.hass.description="Cruise control for SABnzbd, Sonarr, Radarr and Plex" \
  io.hass.type="app" \
  io.hass.arch="${BUILD_ARCH}" \
  io.hass.version="${BUILD_VERSION}" \
  org.opencontainers.image.title="AutoArr" \
  org.opencontainers.image.description="Cruise control for SABnzbd, Sonarr, Radarr and Plex" \
  org.opencontainers.image.source="https://github.com/autoarr/autoarr" \
  org.opencontainers.image.licenses="MIT" \
  org.opencontainers.image.version="${BUILD_VERSION}"

ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "dist/autoarr/src/main.js"]
