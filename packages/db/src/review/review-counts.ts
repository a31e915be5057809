/** An author's human masks by review outcome, and the share of reviewed ones accepted as drawn. */
export interface ReviewCounts {
  accepted: number;
  rejected: number;
  /** Accepted only after a reviewer painted a corrected version. */
  corrected: number;
  pending: number;
  /** accepted / (accepted + corrected + rejected); null before the first review. */
  acceptanceRate: number | null;
}

export function reviewCounts(count: (review: 'accepted' | 'rejected' | 'corrected' | 'pending') => number): ReviewCounts {
  const [accepted, rejected, corrected, pending] = [count('accepted'), count('rejected'), count('corrected'), count('pending')];
  const reviewed = accepted + rejected + corrected;
  return { accepted, rejected, corrected, pending, acceptanceRate: reviewed ? accepted / reviewed : null };
}
