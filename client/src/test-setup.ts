import { NgModule, inject, provideEnvironmentInitializer } from '@angular/core';
import { getTestBed } from '@angular/core/testing';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { registerIcons } from './app/core/icons/icons';
import { TranslocoEnglishTestingModule } from './app/testing/transloco';

setupZonelessTestEnv();

/** The app registers its svg icons at startup (app.config.ts); specs get the same set. */
@NgModule({
  providers: [provideEnvironmentInitializer(() => registerIcons(inject(MatIconRegistry), inject(DomSanitizer)))],
})
class TestIconsModule {}

// Every spec runs with the real English translations, as a fresh browser does: the preset's
// environment is rebuilt with Transloco (and the icons) added, so no spec has to repeat the setup.
const testBed = getTestBed();
const modules = Array.isArray(testBed.ngModule) ? testBed.ngModule : [testBed.ngModule];
const platform = testBed.platform;
testBed.resetTestEnvironment();
testBed.initTestEnvironment([...modules, TranslocoEnglishTestingModule, TestIconsModule], platform);
