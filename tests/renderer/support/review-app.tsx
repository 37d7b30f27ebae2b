import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp, settle } from './render-app.js';
import { reviewReplies } from './review-fixtures.js';
import { loggedInReplies, type StubReplies } from './stub-api.js';

/** Renders the app logged in, goes to Review (in the language given) and waits for its first answers. */
export async function openReview(replies: StubReplies = {}, languages?: readonly string[]) {
  const app = await renderApp({ ...loggedInReplies(), ...reviewReplies(), ...replies }, languages ? { languages } : {});
  const spanish = languages?.[0]?.startsWith('es') === true;
  const nav = screen.getByRole('navigation', { name: spanish ? 'Principal' : 'Main' });
  fireEvent.click(within(nav).getByRole('button', { name: spanish ? 'Revisión' : 'Review' }));
  await settle();
  await settle();
  return app;
}

/** The options of the review queue, in order. */
export const queueOptions = (): HTMLElement[] => within(screen.getByRole('listbox')).getAllByRole('option');
