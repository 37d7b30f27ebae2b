import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../main/core/contract/index.js';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import { companyCurrency, draftFromSettings, parseMatchingDraft } from '../../renderer/src/stores/slices/matching-draft.js';
import type { MatchingSettingsDraft } from '../../renderer/src/stores/reconcile-types.js';
import { renderApp, settle } from './support/render-app.js';
import { makeSettings, reconcileReplies } from './support/report-fixtures.js';
import { createStubApi, fail, loggedInReplies, makeAccount, makeUser, memoryStorage, ok, type StubReplies } from './support/stub-api.js';

let store: AppStore | null = null;
afterEach(() => {
  store?.dispose();
  store = null;
  cleanup();
});

const saved = (input: MethodInput<'matchingSettings.set'>) => {
  const { companyId: _companyId, ...settings } = input;
  return ok({ ...settings, isDefault: false });
};

async function setup(replies: StubReplies = {}, languages: readonly string[] = ['es-ES']) {
  const api = createStubApi({ ...loggedInReplies(), ...reconcileReplies(), 'matchingSettings.set': saved, ...replies });
  store = createAppStore({ api, storage: memoryStorage(), preferredLanguages: languages });
  await store.getState().start();
  await store.getState().loadMatchingSettings();
  return { api, store };
}

const draft = (over: Partial<MatchingSettingsDraft> = {}): MatchingSettingsDraft => ({
  thresholdPercent: '90', tolerancePercent: '2', feeTolerance: '5', dateWindowBefore: '5', dateWindowAfter: '30', ...over,
});

describe('matching settings slice', () => {
  it('refuses a draft out of range without asking the core, field by field', async () => {
    const { api, store } = await setup();
    const result = await store.getState().saveMatchingSettings(
      draft({ thresholdPercent: '0', tolerancePercent: '60', feeTolerance: '-1', dateWindowBefore: '2,5', dateWindowAfter: '' }),
    );
    expect(result).toEqual({
      saved: false,
      errors: { thresholdPercent: 'range', tolerancePercent: 'range', feeTolerance: 'range', dateWindowBefore: 'whole', dateWindowAfter: 'required' },
    });
    expect((await store.getState().saveMatchingSettings(draft({ thresholdPercent: 'mucho', dateWindowAfter: '4000' }))).errors)
      .toEqual({ thresholdPercent: 'number', dateWindowAfter: 'range' });
    expect(api.inputsOf('matchingSettings.set')).toEqual([]);
  });

  it('saves percentages and the fee typed the Spanish way as the contract’s values', async () => {
    const { api, store } = await setup();
    expect(store.getState().matchingSettings?.isDefault).toBe(true);
    const result = await store.getState().saveMatchingSettings(
      draft({ thresholdPercent: '87,5', tolerancePercent: '1,5', feeTolerance: '1,50', dateWindowBefore: '3', dateWindowAfter: '10' }),
    );
    expect(result).toEqual({ saved: true, errors: {} });
    expect(api.inputsOf('matchingSettings.set')).toEqual([
      { companyId: 1, threshold: 0.875, tolerancePercent: 1.5, feeToleranceMinor: 150, dateWindowBefore: 3, dateWindowAfter: 10 },
    ]);
    expect(store.getState().matchingSettings).toEqual({
      threshold: 0.875, tolerancePercent: 1.5, feeToleranceMinor: 150, dateWindowBefore: 3, dateWindowAfter: 10, isDefault: false,
    });
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'toast.matchingSaved' });
  });

  it('keeps what the core refused as the save error', async () => {
    const { store } = await setup({ 'matchingSettings.set': fail('forbidden') });
    expect(await store.getState().saveMatchingSettings(draft())).toEqual({ saved: false, errors: {} });
    expect(store.getState().matchingSettingsErrors.save?.code).toBe('forbidden');
  });

  it('reads the fee in the company’s currency: whole yen, cents of euro', () => {
    expect(companyCurrency([makeAccount({ currency: 'JPY' }), makeAccount({ id: 2, currency: 'JPY' }), makeAccount({ id: 3, currency: 'EUR' })])).toBe('JPY');
    expect(companyCurrency([])).toBeNull();
    expect(parseMatchingDraft(draft({ feeTolerance: '150' }), 0, 'ja-JP').value?.feeToleranceMinor).toBe(150);
    expect(parseMatchingDraft(draft({ feeTolerance: '1.5' }), 0, 'en-US').errors).toEqual({ feeTolerance: 'number' });
    expect(draftFromSettings(makeSettings(), 2, 'en-US')).toEqual(draft({ feeTolerance: '5.00' }));
    expect(draftFromSettings(makeSettings({ threshold: 0.875 }), 2, 'es-ES')).toEqual(draft({ thresholdPercent: '87,5', feeTolerance: '5,00' }));
  });
});

describe('matching settings section', () => {
  async function openSettings(replies: StubReplies = {}) {
    const app = await renderApp({ ...loggedInReplies(), ...reconcileReplies(), 'matchingSettings.set': saved, ...replies });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await settle();
    return app;
  }

  it('shows the company’s values to an admin, explains a refused field and saves a good one', async () => {
    const { api } = await openSettings();
    const form = screen.getByRole('form', { name: 'Matching' });
    expect(screen.getByText('Default values')).toBeTruthy();
    const threshold = within(form).getByLabelText('Auto-approve threshold (%)') as HTMLInputElement;
    expect(threshold.value).toBe('90');
    expect((within(form).getByLabelText('Bank fee tolerance (EUR)') as HTMLInputElement).value).toBe('5.00');
    expect((within(form).getByLabelText('Days after') as HTMLInputElement).value).toBe('30');
    fireEvent.change(threshold, { target: { value: '101' } });
    fireEvent.submit(form);
    await settle();
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Above 0 and at most 100.')).toBeTruthy();
    expect(api.inputsOf('matchingSettings.set')).toEqual([]);
    fireEvent.change(threshold, { target: { value: '85' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save matching settings' }));
    await settle();
    expect(api.inputsOf('matchingSettings.set')).toEqual([
      { companyId: 1, threshold: 0.85, tolerancePercent: 2, feeToleranceMinor: 500, dateWindowBefore: 5, dateWindowAfter: 30 },
    ]);
    expect(screen.queryByText('Default values')).toBeNull();
  });

  it('is read-only for everyone but admins', async () => {
    await openSettings({ 'auth.session': ok({ user: makeUser({ role: 'preparer' }), expiresAt: '2030-01-01T00:00:00.000Z' }) });
    const form = screen.getByRole('form', { name: 'Matching' });
    expect((within(form).getByLabelText('Amount tolerance (%)') as HTMLInputElement).readOnly).toBe(true);
    expect(within(form).queryByRole('button', { name: 'Save matching settings' })).toBeNull();
    expect(within(form).getByText('Only administrators can change these settings.')).toBeTruthy();
  });
});
