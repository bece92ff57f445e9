# Proofmark: one process serves the web app, the API and the /collab websocket.
# Build:  docker build -t proofmark .
# Run:    see docker-compose.yml (PostgreSQL and Redis next to the app).
FROM node:20-bookworm-slim

WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies first, so source changes do not reinstall them. The postinstall step
# generates the Prisma client (scripts/prisma-generate.mjs needs the schema).
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs ./scripts/
COPY prisma/schema.prisma ./prisma/
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build \
 && mkdir -p .data \
 && chown -R node:node .next .data

# Listen on every interface inside the container. The start script applies pending
# migrations before serving, so a new image migrates its database on start.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
EXPOSE 3000
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
