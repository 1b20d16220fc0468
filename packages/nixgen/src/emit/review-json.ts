// .review.json: the review model as data, committed beside INVENTORY.md. `nixgen diff` reads the one
// at a git revision and compares it with the config's, so a change is told in meaning, not in text.
import { sharedReviewModel } from "../review/model.js";
import { headerLines } from "./header.js";
import type { Emitter } from "./types.js";

export const reviewJsonPath = ".review.json";

export const emitReviewJson: Emitter = (ctx) => [
  {
    path: reviewJsonPath,
    kind: "json",
    render: () => JSON.stringify({ $comment: headerLines(ctx).join(" "), ...sharedReviewModel(ctx.config) }, null, 2) + "\n",
  },
];
