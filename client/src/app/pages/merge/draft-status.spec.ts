import { Autosaver } from '../../core/autosave/autosaver';
import { testTranslate } from '../../testing/transloco';
import { draftSaveText } from './draft-status';

class Conflict extends Error {}

interface Pending {
  values: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

describe('Autosaver in the merge view (with conflicts)', () => {
  let saves: Pending[];
  let current: string;
  let inFlight: number;
  let maxInFlight: number;
  let saver: Autosaver;

  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const text = (): string => draftSaveText(saver.state(), testTranslate());

  beforeEach(() => {
    jest.useFakeTimers();
    saves = [];
    current = '';
    inFlight = 0;
    maxInFlight = 0;
    saver = new Autosaver({
      delay: 1000,
      isConflict: (error) => error instanceof Conflict,
      describeError: (error) => (error instanceof Error ? error.message : 'failed'),
      save: () =>
        new Promise<void>((resolve, reject) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          saves.push({
            values: current,
            resolve: () => {
              inFlight--;
              resolve();
            },
            reject: (error) => {
              inFlight--;
              reject(error);
            },
          });
        }),
    });
  });

  afterEach(() => jest.useRealTimers());

  it('waits a second after the last change, and never has two saves in flight', async () => {
    current = 'one';
    saver.changed();
    jest.advanceTimersByTime(999);
    await settle();
    expect(saves).toHaveLength(0);
    jest.advanceTimersByTime(1);
    await settle();
    expect(saves.map((s) => s.values)).toEqual(['one']);

    current = 'two';
    saver.changed();
    jest.advanceTimersByTime(1000);
    current = 'three';
    saver.changed();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(saves).toHaveLength(1);

    saves[0]?.resolve();
    await settle();
    expect(saves.map((s) => s.values)).toEqual(['one', 'three']);
    saves[1]?.resolve();
    await settle();
    expect(maxInFlight).toBe(1);
    expect(text()).toBe('Saved');
  });

  it('holds every change after a conflict until the editor keeps theirs (reset) or mine (resume)', async () => {
    current = 'mine';
    saver.changed();
    jest.advanceTimersByTime(1000);
    await settle();
    saves[0]?.reject(new Conflict('412'));
    await settle();
    expect(text()).toBe('Someone else changed the draft');

    current = 'mine, more';
    saver.changed();
    jest.advanceTimersByTime(5000);
    await settle();
    expect(saves).toHaveLength(1);
    await expect(saver.flush()).resolves.toBe(false);

    const resumed = saver.resume();
    await settle();
    expect(saves.map((s) => s.values)).toEqual(['mine', 'mine, more']);
    saves[1]?.resolve();
    await expect(resumed).resolves.toBe(true);
    expect(text()).toBe('Saved');

    saver.conflict();
    saver.changed();
    saver.reset();
    jest.advanceTimersByTime(5000);
    await settle();
    expect(saves).toHaveLength(2);
    expect(saver.pending).toBe(false);
  });

  it('says why a save failed and tries again on the next change', async () => {
    saver.changed();
    jest.advanceTimersByTime(1000);
    await settle();
    saves[0]?.reject(new Error('paragraph 3 is empty'));
    await settle();
    expect(text()).toBe('Not saved: paragraph 3 is empty');
    saver.changed();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(saves).toHaveLength(2);
  });
});
