// Runs before every test file: a clean device.
import { afterEach, beforeEach } from 'vitest';
import { ratingPrompt } from '../state/rating';

beforeEach(() => {
  localStorage.clear();
  ratingPrompt.value = null; // a quick rating offered by an earlier test is not showing any more
});

afterEach(() => {
  localStorage.clear();
});
