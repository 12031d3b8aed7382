import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBarConfig } from '@angular/material/snack-bar';

/**
 * Snackbars for the code that every page loads: the header and the error interceptor. Material's
 * snack bar, and the overlay it sits on, are fetched the first time one is shown instead of with the
 * app's start-up bundle, which every reader pays for and most never need a snackbar from.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly injector = inject(Injector);
  private readonly snackBarModule = () => import('@angular/material/snack-bar');

  constructor() {
    // Fetched once the page is idle: "we could not reach Doorway" must still show when the network
    // has gone, and by then no code can be fetched. (No idle callback on the server: nothing to fetch.)
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void this.snackBarModule().catch(() => undefined));
  }

  async show(message: string, action: string, config: MatSnackBarConfig): Promise<void> {
    const { MatSnackBar } = await this.snackBarModule();
    this.injector.get(MatSnackBar).open(message, action, config);
  }
}
