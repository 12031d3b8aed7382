import type { Routes } from '@angular/router';
import { ReviewQueuePage } from './review-queue-page';

export const REVIEW_QUEUE_ROUTES: Routes = [{ path: '', component: ReviewQueuePage, title: 'title.reviewQueue' }];
