import type { quizAttempts as vi } from "../vi/quiz-attempts";

export const quizAttempts: Record<keyof typeof vi, string> = {
  "quizAttempt.staffPreview": "You are viewing as a manager or trainer: only learners enrolled in the course can take the quiz.",
  "quizAttempt.courseNotOpen": "The course is no longer open, so the quiz cannot be taken.",
  "quizAttempt.notOpenYet": "The quiz is not open yet.",
  "quizAttempt.closed": "The quiz is closed.",
  "quizAttempt.noAttemptsLeft": "You have used all the attempts allowed.",
  "quizAttempt.noQuestions": "The quiz has no questions yet.",
  "quizAttempt.notEnoughQuestions": "A question category does not hold enough questions for the random draw. Please tell the course's trainer.",
  "quizAttempt.invalidAnswers": "The answers sent are not valid. Please reload the page.",
  "quizAttempt.attemptClosed": "Time is up or the attempt has been submitted: this answer was not recorded.",
  "quizAttempt.checkNotAllowed": "This quiz does not let you check a question while answering.",
  "quizAttempt.cannotCheck": "This question cannot be checked now.",
  "quizAttempt.notFinished": "This attempt has not been submitted, so it cannot be reviewed yet.",
  "quizAttempt.lessonIsQuiz": "A quiz counts as done when you pass it; it cannot be marked done by hand.",
  "quizAttempt.true": "True",
  "quizAttempt.false": "False",
};
