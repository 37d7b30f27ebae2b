import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddingSettings, MatchExplanation } from '../../main/core/contract/index.js';
import { settle } from './support/render-app.js';
import { openReview } from './support/review-app.js';
import { fail, ok } from './support/stub-api.js';

afterEach(cleanup);

/** The firm's embedding settings with explanations on or off. */
const settings = (enabled: boolean): EmbeddingSettings => ({
  config: {
    provider: 'local', baseURL: 'http://127.0.0.1:11434/v1', model: null, dimensions: 768, batchSize: 256, timeoutSeconds: 30,
    cache: { expiryDays: 180, maxEntries: 500_000 }, explanations: { enabled, chatModel: enabled ? 'llama3.1' : null },
  },
  hasKey: false,
  keyStore: { kind: 'keychain', problem: null },
  cache: { entries: 0, hits: 0, misses: 0, hitRate: null },
  breaker: { state: 'closed', lastError: null, fallbackActive: false, consecutiveFailures: 0, openedAt: null },
});

const suggestion: MatchExplanation = { status: 'suggestion', text: 'The reference FV-2025-0001 is in the bank text.', ranking: ['proposal'], model: 'llama3.1', cached: false };

describe('Explain next to a pending proposal', () => {
  it('is absent while the firm has explanations off', async () => {
    const { api } = await openReview({ 'embedding.settings': ok(settings(false)) });
    expect(within(screen.getByTestId('proposal')).queryByRole('button', { name: 'Explain' })).toBeNull();
    expect(api.inputsOf('matches.explain')).toEqual([]);
  });

  it('asks the core and shows the answer labelled as a suggestion, leaving the decision buttons as they were', async () => {
    const { api } = await openReview({ 'embedding.settings': ok(settings(true)), 'matches.explain': ok(suggestion) });
    const proposal = screen.getByTestId('proposal');
    const approve = within(proposal).getByRole('button', { name: 'Approve' }) as HTMLButtonElement;
    expect(approve.disabled).toBe(false);
    fireEvent.click(within(proposal).getByRole('button', { name: 'Explain' }));
    await settle();
    expect(api.inputsOf('matches.explain')).toEqual([{ id: 1 }]);
    const answer = within(proposal).getByTestId('explanation');
    expect(within(answer).getByText('Suggestion')).toBeTruthy();
    expect(answer.textContent).toContain('The reference FV-2025-0001 is in the bank text.');
    expect(answer.textContent).toContain('A suggestion only: it does not approve or change this match.');
    expect(api.inputsOf('matches.approve')).toEqual([]);
    expect(approve.disabled).toBe(false);
  });

  it('says why there is no suggestion, in Spanish too', async () => {
    await openReview(
      { 'embedding.settings': ok(settings(true)), 'matches.explain': ok({ status: 'unavailable', code: 'auth', error: 'the explanation server at http://127.0.0.1:11434/v1 answered 401: check the API key' }) },
      ['es-ES'],
    );
    const proposal = screen.getByTestId('proposal');
    fireEvent.click(within(proposal).getByRole('button', { name: 'Explicar' }));
    await settle();
    expect(within(proposal).getByRole('alert').textContent).toBe('Esta vez no hay sugerencia: the explanation server at http://127.0.0.1:11434/v1 answered 401: check the API key');
  });

  it('shows a refusal of the core as an error', async () => {
    await openReview({ 'embedding.settings': ok(settings(true)), 'matches.explain': fail('not_found', 'That match does not exist.') });
    const proposal = screen.getByTestId('proposal');
    fireEvent.click(within(proposal).getByRole('button', { name: 'Explain' }));
    await settle();
    expect(within(proposal).getByRole('alert')).toBeTruthy();
  });
});
