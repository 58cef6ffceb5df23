import type { banks as vi } from "../vi/banks";

export const banks: Record<keyof typeof vi, string> = {
  // Rules of a question (lib/quizzes/banks/schemas.ts)
  "banks.rule.textRequired": "Enter the question text.",
  "banks.rule.optionText": "An option cannot be empty.",
  "banks.rule.duplicateIds": "Two options have the same id.",
  "banks.rule.singleNeedsFull": "A single-choice question needs one option worth 100%.",
  "banks.rule.multipleNeedsPositive": "A multiple-choice question needs at least one option with a positive mark.",
  "banks.rule.answerText": "An answer cannot be empty.",
  "banks.rule.answerNeedsPositive": "At least one answer must give a positive mark.",
  "banks.rule.rangeOrder": "The minimum must not be greater than the maximum.",
  "banks.rule.pairRight": "The right side of a pair cannot be empty.",
  "banks.rule.twoPairs": "A matching question needs at least two complete pairs.",
  "banks.rule.tooFew": "At least {min} items are needed.",
  "banks.typeFixed": "The type of an existing question cannot change.",
  "banks.categoryMissing": "This category is not in the bank.",
  "banks.nameRequired": "Enter the bank's name (up to 200 characters).",
  "banks.ownerRequired": "Choose the unit or the course that owns the bank.",
  "banks.categoryNameRequired": "Enter the category's name (up to 255 characters).",
  "banks.categorySlash": "A category name cannot contain “/”.",
  "banks.categoryTaken": "There is already a category with this name here.",
  "banks.categoryCycle": "A category cannot be moved into itself or one of its subcategories.",
  "banks.categoryNotEmpty": "Only an empty category can be deleted (no questions, no subcategories, no quiz drawing from it).",
  "banks.categoryLast": "A bank needs at least one category.",
};
