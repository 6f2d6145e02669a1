// Reply deadlines: a review is due `replyWithinHours` after the tool first saw it (it cannot know
// sooner), negatives sooner than others.
import type { Config } from "../config/schema.js";
import { isNegative, type StoredReview } from "../domain/review.js";

export interface Due {
  review: StoredReview;
  dueAt: string;
  overdue: boolean;
  /** Hours left (negative when overdue). */
  hoursLeft: number;
}

export function dueOf(review: StoredReview, config: Config, now: Date): Due {
  const hours = isNegative(review, config.negative.maxRating)
    ? config.replyWithinHours.negative
    : config.replyWithinHours.other;
  const due = new Date(Date.parse(review.firstSeenAt) + hours * 3600_000);
  const hoursLeft = (due.getTime() - now.getTime()) / 3600_000;
  return { review, dueAt: due.toISOString(), overdue: hoursLeft < 0, hoursLeft };
}

/** The config's reply deadlines at `now`, as the queries of waiting reviews take them. */
export interface DeadlineParams {
  negMax: number;
  /** Reviews first seen before these instants are past their deadline. */
  negCutoff: string;
  otherCutoff: string;
  negHours: number;
  otherHours: number;
}

export function deadlineParams(config: Config, now: Date): DeadlineParams {
  const cutoff = (hours: number) => new Date(now.getTime() - hours * 3600_000).toISOString();
  return {
    negMax: config.negative.maxRating,
    negCutoff: cutoff(config.replyWithinHours.negative),
    otherCutoff: cutoff(config.replyWithinHours.other),
    negHours: config.replyWithinHours.negative,
    otherHours: config.replyWithinHours.other,
  };
}
