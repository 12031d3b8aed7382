import type { Routes } from '@angular/router';
import { CaseStudiesPage } from './case-studies-page';

export const CASE_STUDIES_ROUTES: Routes = [{ path: '', component: CaseStudiesPage, title: 'title.caseStudies' }];
