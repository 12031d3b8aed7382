import { Logger, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as NestPinoLogger, LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { LIMITS } from '@doorway/contracts';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';
import type { DatabaseHooks } from './database/data-source';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { CsrfGuard, issueCsrfToken } from './common/guards/csrf.guard';
import { createValidationPipe } from './common/pipes/validation';
import { registerEtags } from './common/http/etag';
import { clientShellFile, setAssetHeaders } from './common/http/static-assets';
import { loadServerRenderer, registerServerRendering } from './common/http/server-render';
import { DocumentsService } from './modules/documents/documents.service';
import { UsersService } from './modules/users/users.service';
import { REQUEST_ID_HEADER, assignRequestId, createRootLogger, loggerParams } from './common/logging/logging';
import { HttpDrain } from './common/shutdown/http-drain';
import { installLeanAsyncBind } from './common/runtime/lean-async-bind';

const renderLog = new Logger('ServerRender');

/** The app plus its request logging and shutdown; AppModule itself stays free of process-level concerns. */
@Module({ providers: [HttpDrain] })
class ServerModule {}

export interface CreateAppOptions {
  /** The process's JSON logger (main.ts shares its own); by default one on stdout at LOG_LEVEL. */
  logger?: PinoLogger;
}

/** Builds the whole HTTP app on an already migrated database; shared by main.ts and the tests. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  hooks: DatabaseHooks = {},
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  installLeanAsyncBind();
  const adapter = new FastifyAdapter({ bodyLimit: LIMITS.bodyBytes, trustProxy: config.trustProxy, genReqId: assignRequestId });
  const root: DynamicModule = {
    module: ServerModule,
    imports: [
      LoggerModule.forRoot(loggerParams(options.logger ?? createRootLogger(config.logLevel))),
      AppModule.forRoot(config, databaseUrl, hooks),
    ],
  };
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.setGlobalPrefix('api');
  await app.register(fastifyCookie);
  const fastify = app.getHttpAdapter().getInstance();
  // Helmet's middleware, built once. @fastify/helmet called helmet(options) on every request, which
  // parsed the whole policy again each time: 5 % of the API's CPU on the document read (B1's profile).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular injects component styles as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  // Every answer names its request id, so a report from a user or a proxy leads to the log line.
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  // The CSRF cookies go out with pages and with /api/auth/me, which the client reads at start and
  // before its first write; not with every API read (that cost the hottest reads a secret each).
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET') return;
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path === '/api/auth/me') {
      issueCsrfToken(request as Parameters<typeof issueCsrfToken>[0], reply, config.secureCookies);
    }
  });
  registerEtags(fastify);

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalGuards(new CsrfGuard());

  const shell = config.clientDir ? clientShellFile(config.clientDir) : null;
  const serveClient = config.clientDir !== null && shell !== null;
  if (serveClient && config.clientDir) {
    // Only the built files get routes; every other GET outside /api falls back to the shell (see the filter),
    // except a document's page, which may be rendered on the server (server-render.ts).
    await app.register(fastifyStatic, {
      root: config.clientDir,
      prefix: '/',
      wildcard: false,
      index: false,
      preCompressed: true,
      // Ours instead of the default "max-age=0": hashed files are immutable (see setAssetHeaders).
      cacheControl: false,
      setHeaders: setAssetHeaders,
    });
  }
  if (config.clientDir && shell) {
    const renderer = await loadServerRenderer(config.clientDir).catch((error: unknown) => {
      renderLog.warn(`no server rendering, the client renders every page: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    if (renderer) {
      const documents = app.get(DocumentsService);
      registerServerRendering(fastify, {
        renderer,
        versionOf: async (slug) => (await documents.current(null, slug)).etag,
        sendShell: (reply) => reply.header('cache-control', 'no-cache').sendFile(shell),
        logger: renderLog,
      });
    }
  }
  const users = app.get(UsersService);
  app.useGlobalFilters(new ApiExceptionFilter(shell, async (session) => (await users.findSessionUser(session)) !== null));

  const openApi = new DocumentBuilder()
    .setTitle('Doorway API')
    .setDescription('Comments, suggestions and case studies on IGF Best Practice Forum documents.')
    .setVersion('0.1.0')
    .addCookieAuth('doorway_session', { type: 'apiKey', in: 'cookie' }, 'session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });

  await app.init();
  return app;
}
