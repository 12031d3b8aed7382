import type { Routes } from '@angular/router';
import { requireSignIn } from '../../core/auth/require-sign-in.guard';
import { AuditPage } from './audit-page';

export const AUDIT_ROUTES: Routes = [{ path: '', component: AuditPage, canActivate: [requireSignIn], title: 'title.audit' }];
