# Türöffner: multi-stage build. Every step here is a command that .ci/run or the tests
# also execute (npm ci runs the build and the training through "prepare"; serve is what
# the serve tests start), so a broken step shows up in CI even without a Docker engine.

# --- build: install everything, compile, train the classifiers into models/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV DOTENV_CONFIG_QUIET=true
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY intents ./intents
COPY responses ./responses
# npm ci runs "prepare": npm run build && npm run train
RUN npm ci --no-audit --no-fund
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies, compiled code, trained models, data ---
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true PORT=3000
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/models ./models
COPY --from=build --chown=node:node /app/intents ./intents
COPY --from=build --chown=node:node /app/responses ./responses
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/tueroeffner.js", "serve"]
