# syntax=docker/dockerfile:1
# Fanfare in a container: built with the dev dependencies, run with the production ones only, as the
# unprivileged `node` user. Configure it with environment variables (see .env.example); the SQLite store
# lives in the /data volume unless STORE_URL points at PostgreSQL or Redis.

# The full image has the compilers sqlite3 falls back to when no prebuilt binary fits.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Same Debian release as the build stage, so the native sqlite3 module built there runs here.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    STORE_URL=sqlite:///data/fanfare.sqlite \
    HEALTH_PORT=9090
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9090
# No curl in slim images: node's own fetch asks /healthz (200 while Slack is connected and the store answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and gets SIGTERM: Fanfare stops within 10 s (docker stop waits 10 s by default).
# Exit 78 means the configuration is wrong or Slack refuses the app: fix it, restarting cannot help.
CMD ["node", "--enable-source-maps", "dist/main.js"]
