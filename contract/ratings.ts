/**
 * Citizens' ratings at the counter's tablet (đánh giá mức độ hài lòng), in the four levels
 * centers use with VNPT iQMS. Decision 766/QĐ-TTg counts as satisfied every rating that is
 * not "không hài lòng".
 */

/** 4 Rất hài lòng, 3 Hài lòng, 2 Bình thường, 1 Không hài lòng. */
export type Score = 1 | 2 | 3 | 4;
export const SCORES: readonly Score[] = [4, 3, 2, 1];
export const SCORE_NAMES: Record<Score, string> = {
  4: 'Rất hài lòng',
  3: 'Hài lòng',
  2: 'Bình thường',
  1: 'Không hài lòng',
};
/** The label of each score in `/metrics`. */
export const SCORE_KEYS: Record<Score, string> = {
  4: 'rat_hai_long',
  3: 'hai_long',
  2: 'binh_thuong',
  1: 'khong_hai_long',
};

/** Why a citizen rated below "Hài lòng": asked only then. */
export const REASONS = ['wait', 'attitude', 'guidance', 'paperwork', 'facilities', 'other'] as const;
export type Reason = (typeof REASONS)[number];
export const REASON_NAMES: Record<Reason, string> = {
  wait: 'Phải chờ lâu',
  attitude: 'Thái độ cán bộ chưa tốt',
  guidance: 'Hướng dẫn chưa rõ ràng',
  paperwork: 'Phải bổ sung giấy tờ nhiều lần',
  facilities: 'Cơ sở vật chất chưa tốt',
  other: 'Lý do khác',
};

/** Scores below this ask for a reason. */
export const ASK_REASON_BELOW: Score = 3;

/** What the tablet may ask to be rated: the ticket its counter just finished. */
export interface Rateable {
  ticketId: number;
  number: string;
  serviceId: number;
}

export interface RatingView {
  ticketId: number;
  number: string;
  serviceId: number;
  counterId: number;
  score: Score;
  reasons: Reason[];
  ratedAt: string;
}

/** Ratings of a group (a counter, a service, a staff member, a month, or all). */
export interface RatingFigures {
  key: string;
  label: string;
  rated: number;
  /** How many of each score, 4 first. */
  byScore: Record<Score, number>;
  /** (rated − không hài lòng) / rated, in percent to one decimal; null when none rated. */
  satisfactionPct: number | null;
}

/** The satisfaction rate as Decision 766/QĐ-TTg counts it. */
export const satisfactionPct = (rated: number, unsatisfied: number): number | null =>
  rated === 0 ? null : Math.round(((rated - unsatisfied) / rated) * 1000) / 10;
