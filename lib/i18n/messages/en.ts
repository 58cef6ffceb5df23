import type { MessageKey } from "./vi";
import { common } from "./en/common";
import { auth } from "./en/auth";
import { home } from "./en/home";
import { units } from "./en/units";
import { people } from "./en/people";
import { accounts } from "./en/accounts";
import { imports } from "./en/imports";
import { audit } from "./en/audit";
import { privacy } from "./en/privacy";
import { roles } from "./en/roles";
import { outbox } from "./en/outbox";
import { courses } from "./en/courses";
import { files } from "./en/files";
import { learning } from "./en/learning";
import { plans } from "./en/plans";
import { classes } from "./en/classes";
import { attendance } from "./en/attendance";
import { quizResults } from "./en/quiz-results";
import { quizPlayer } from "./en/quiz-player";
import { quizAttempts } from "./en/quiz-attempts";
import { questionEditor } from "./en/question-editor";
import { banks } from "./en/banks";
import { quizImport } from "./en/quiz-import";
import { quizSetup } from "./en/quiz-setup";

export const en: Record<MessageKey, string> = {
  ...common,
  ...auth,
  ...home,
  ...units,
  ...people,
  ...accounts,
  ...imports,
  ...audit,
  ...privacy,
  ...roles,
  ...outbox,
  ...courses,
  ...files,
  ...learning,
  ...plans,
  ...classes,
  ...attendance,
  ...quizResults,
  ...quizPlayer,
  ...quizAttempts,
  ...questionEditor,
  ...banks,
  ...quizImport,
  ...quizSetup,
};
