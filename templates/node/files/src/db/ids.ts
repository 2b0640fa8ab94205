import { v7 } from 'uuid';

/** New primary keys are UUIDv7: unguessable like v4, but time-ordered, so they index well. */
export const newId = (): string => v7();
