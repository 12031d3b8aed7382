import { testTranslate } from '../../testing/transloco';
import { Autosaver, autosaveText } from './autosaver';

/** A save the test finishes by hand. */
interface Pending {
  values: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

describe('Autosaver', () => {
  let saves: Pending[];
  let current: string;
  let inFlight: number;
  let maxInFlight: number;
  let autosaver: Autosaver;

  /** Lets promise callbacks run (fake timers do not touch microtasks). */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  beforeEach(() => {
    jest.useFakeTimers();
    saves = [];
    current = '';
    inFlight = 0;
    maxInFlight = 0;
    autosaver = new Autosaver({
      delay: 800,
      describeError: (error) => (error instanceof Error ? error.message : 'failed'),
      save: () =>
        new Promise<void>((resolve, reject) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const done = (): void => {
            inFlight--;
          };
          saves.push({
            values: current,
            resolve: () => {
              done();
              resolve();
            },
            reject: (error) => {
              done();
              reject(error);
            },
          });
        }),
    });
  });

  afterEach(() => jest.useRealTimers());

  const text = (): string => autosaveText(autosaver.state(), testTranslate());

  it('says "Not saved yet" before the first change', () => {
    expect(text()).toBe('Not saved yet');
  });

  it('waits for typing to pause, then saves once with the latest values', async () => {
    current = 'a';
    autosaver.changed();
    expect(text()).toBe('Saving…');
    jest.advanceTimersByTime(500);
    current = 'ab';
    autosaver.changed();
    jest.advanceTimersByTime(500);
    await settle();
    expect(saves).toHaveLength(0);
    jest.advanceTimersByTime(300);
    await settle();
    expect(saves.map((s) => s.values)).toEqual(['ab']);
    saves[0]?.resolve();
    await settle();
    expect(text()).toBe('Saved');
  });

  it('never has two saves in flight: changes made meanwhile go out together afterwards', async () => {
    current = 'one';
    autosaver.changed();
    jest.advanceTimersByTime(800);
    await settle();
    expect(saves).toHaveLength(1);

    current = 'two';
    autosaver.changed();
    jest.advanceTimersByTime(800);
    current = 'three';
    autosaver.changed();
    jest.advanceTimersByTime(800);
    await settle();
    // The first save is still in flight: nothing else was sent.
    expect(saves).toHaveLength(1);
    expect(text()).toBe('Saving…');

    saves[0]?.resolve();
    await settle();
    expect(saves.map((s) => s.values)).toEqual(['one', 'three']);
    expect(text()).toBe('Saving…');
    saves[1]?.resolve();
    await settle();
    expect(maxInFlight).toBe(1);
    expect(text()).toBe('Saved');
  });

  it('flush() saves at once instead of waiting, after the save in flight', async () => {
    current = 'x';
    autosaver.changed();
    const flushed = autosaver.flush();
    await settle();
    expect(saves).toHaveLength(1);
    saves[0]?.resolve();
    await expect(flushed).resolves.toBe(true);
    // The debounce timer was cancelled: no second save later.
    jest.advanceTimersByTime(2000);
    await settle();
    expect(saves).toHaveLength(1);
  });

  it('says why a save failed, and tries again on the next flush', async () => {
    current = 'x';
    autosaver.changed();
    jest.advanceTimersByTime(800);
    await settle();
    saves[0]?.reject(new Error('the network is down'));
    await settle();
    expect(text()).toBe('Not saved: the network is down');

    const flushed = autosaver.flush();
    await settle();
    expect(saves).toHaveLength(2);
    saves[1]?.resolve();
    await expect(flushed).resolves.toBe(true);
    expect(text()).toBe('Saved');
  });
});
