# Proofmark: one process serves the web app, the API and the /collab websocket.
# Build:  docker build -t proofmark .
# Run:    see docker-compose.yml (PostgreSQL, Redis and nginx next to the app).
# Node 24 is the current LTS; the code and tests also run on Node 20.19+ and 22 (docs/OPERATIONS.md).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency, the Prisma client, the Next.js production build ----------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so source changes do not reinstall them. The postinstall step generates
# the Prisma client (scripts/prisma-generate.mjs needs the schema and the prisma CLI).
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs ./scripts/
COPY prisma/schema.prisma ./prisma/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies only, the build output, a non-root user ----------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000
# --ignore-scripts: the postinstall (prisma generate) needs the dev-only prisma CLI; the
# generated client is copied from the build stage instead.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY . .
COPY --from=build /app/lib/generated ./lib/generated
COPY --from=build /app/.next ./.next
RUN mkdir -p .data && chown -R node:node .data .next
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (no npm, no shell in between), so SIGTERM from `docker stop` reaches the
# start script, which stores live documents and closes connections before exiting. TypeScript
# runs through tsx's loader (a production dependency), exactly as `npm start` does.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
