import type { Routes } from '@angular/router';
import { CaseStudyPage } from './case-study-page';

export const CASE_STUDY_ROUTES: Routes = [{ path: '', component: CaseStudyPage, title: 'title.caseStudy' }];
