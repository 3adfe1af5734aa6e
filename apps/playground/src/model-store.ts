import type { Cvae } from '@cvae/core';

type Listener = (model: Cvae, source: string) => void;

/**
 * The model every view shows. Swapping it (a model trained in the page, or loaded from a URL)
 * disposes the previous one, then tells the views to redraw.
 */
export class ModelStore {
  private current: Cvae | undefined;
  private listeners: Listener[] = [];
  source = '';

  get model(): Cvae | undefined {
    return this.current;
  }

  /** Makes `model` the current one; `keepPrevious` leaves the old one alive (e.g. still training). */
  set(model: Cvae, source: string, keepPrevious = false): void {
    const previous = this.current;
    this.current = model;
    this.source = source;
    if (previous !== undefined && previous !== model && !keepPrevious) previous.dispose();
    for (const listener of this.listeners) listener(model, source);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
    if (this.current !== undefined) listener(this.current, this.source);
  }
}
