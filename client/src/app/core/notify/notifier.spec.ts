import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Notifier } from './notifier';

describe('Notifier', () => {
  it('opens the message in Material’s snack bar, loaded when first needed', async () => {
    const open = jest.fn();
    TestBed.configureTestingModule({ providers: [{ provide: MatSnackBar, useValue: { open } }] });
    await TestBed.inject(Notifier).show('Signed out', 'Dismiss', { duration: 4000, politeness: 'polite' });
    expect(open).toHaveBeenCalledWith('Signed out', 'Dismiss', { duration: 4000, politeness: 'polite' });
  });
});
