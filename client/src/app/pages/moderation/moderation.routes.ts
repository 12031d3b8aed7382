import type { Routes } from '@angular/router';
import { requireSignIn } from '../../core/auth/require-sign-in.guard';
import { ModerationPage } from './moderation-page';

export const MODERATION_ROUTES: Routes = [{ path: '', component: ModerationPage, canActivate: [requireSignIn], title: 'title.moderation' }];
