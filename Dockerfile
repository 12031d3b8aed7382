# Doorway's images, built by docker-compose.yml from this one file:
#   build  installs every dependency and builds the API and the client (never shipped);
#   proxy  Caddy with the built client and deploy/Caddyfile (target "proxy");
#   api    Node with production dependencies, the built API, and the client with its server
#          renderer for the draft's page (target "api", the default).
# Lint without Docker: deploy/validate.sh (run by .ci/run).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The lock file alone first, so that a source change does not reinstall node_modules.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build --projects=api,client --output-style=stream
# Brotli and gzip siblings of the client files, written by the API's own routine, so Caddy can send
# them as they are (file_server precompressed) instead of compressing each response.
RUN node -e "require('./dist/api/api/src/common/http/static-assets.js').precompressClient('dist/client/browser', console)"

FROM caddy:2 AS proxy
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=build /app/dist/client/browser /srv/client
# Caddy's image runs as root to bind ports 80 and 443; it touches only /srv, /data and /config.
EXPOSE 80 443

FROM ${NODE_IMAGE} AS api
WORKDIR /app
# The API renders a draft's page on the server (dist/client/server beside dist/client/browser);
# Caddy sends it /documents/{slug} and serves every other client file itself.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CLIENT_DIR=/app/dist/client/browser
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/api ./dist/api
COPY --from=build /app/dist/client ./dist/client
# The image's unprivileged "node" user (uid 1000) owns nothing here: the app only reads /app.
USER node
EXPOSE 3000
# Ready means the database answers and the migrations are current; compose waits on it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# main.js migrates the database, seeds the draft into an empty one, then serves; it stops cleanly
# on SIGTERM (compose's stop), so node runs directly rather than under npm.
CMD ["node", "dist/api/api/src/main.js"]
