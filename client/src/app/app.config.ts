import { DOCUMENT } from '@angular/common';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import type { MatFormFieldDefaultOptions } from '@angular/material/form-field';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer, provideClientHydration, withEventReplay } from '@angular/platform-browser';
import { routes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { registerIcons } from './core/icons/icons';
import { provideI18n } from './core/i18n/i18n.providers';
import { startEarlyRequests } from './core/startup/early-requests';
import { DocumentsService } from './services/documents.service';
import { errorInterceptor } from './core/interceptors/error.interceptor';
import { idempotencyInterceptor } from './core/interceptors/idempotency.interceptor';

const formFieldDefaults: MatFormFieldDefaultOptions = {
  appearance: 'outline',
  // Labels stay exactly as written ("Email", not "Email *"); forms say which fields are optional.
  hideRequiredMarker: true,
};

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // A document's page comes rendered from the server (app.routes.server.ts): the client takes over
    // its DOM instead of building it again, and reuses the server's API responses (the transfer cache).
    provideClientHydration(withEventReplay()),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ anchorScrolling: 'enabled', scrollPositionRestoration: 'enabled' }),
    ),
    provideHttpClient(
      // Retries (with their idempotency keys) run inside the error interceptor: it only sees the last failure.
      withInterceptors([errorInterceptor, idempotencyInterceptor]),
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
    ),
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: formFieldDefaults },
    provideI18n(),
    // Before the session's request below, which the first navigation waits for.
    provideAppInitializer(() => startEarlyRequests(inject(DOCUMENT).location.pathname, inject(DocumentsService))),
    provideAppInitializer(() => {
      // Icons are a small committed SVG set (core/icons), not the 4 MB Material Symbols font.
      registerIcons(inject(MatIconRegistry), inject(DomSanitizer));
      // Who is signed in; this GET also sets the XSRF-TOKEN cookie used by every write.
      return inject(AuthService).load();
    }),
  ],
};
