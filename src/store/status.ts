/**
 * A deal's headline status, from its steps ordered by date: the status of the
 * latest dated step. On the latest date, the latest article speaks (articles
 * are stored as they arrive), and in it the first step stated (the lead
 * states a deal as it is; later sentences restate it loosely). A denial there
 * ("denied it was in talks", every step of that article negated, or a negated
 * step with no decisive one beside it) makes the deal "denied". Steps without
 * a status (some event-model facts) leave the status to earlier steps.
 */
export interface Step { articleId: number; date: string | null; status: string | null; negated: boolean }

/** Statuses an article states as settled: a negated step beside one of these does not deny the deal. */
const DECISIVE = new Set(['agreed', 'completed', 'failed', 'ended', 'active']);

export function headlineStatus(steps: readonly Step[]): string | null {
  if (steps.length === 0) return null;
  const last = steps[steps.length - 1];
  const latestArticle = Math.max(...steps.filter((s) => s.date === last.date).map((s) => s.articleId));
  const said = steps.filter((s) => s.date === last.date && s.articleId === latestArticle);
  const asserted = said.filter((s) => !s.negated && s.status);
  if (said.some((s) => s.negated) && !asserted.some((s) => DECISIVE.has(s.status!))) return 'denied';
  if (asserted.length) return asserted[0].status;
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].status && !steps[i].negated) return steps[i].status;
  return null;
}
