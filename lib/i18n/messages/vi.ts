// Vietnamese is the first language and the source of keys: one file per domain in vi/.
// Every key must exist in en/ too (the types enforce it).
import { common } from "./vi/common";
import { auth } from "./vi/auth";
import { home } from "./vi/home";
import { units } from "./vi/units";
import { people } from "./vi/people";
import { accounts } from "./vi/accounts";
import { imports } from "./vi/imports";
import { audit } from "./vi/audit";
import { privacy } from "./vi/privacy";
import { roles } from "./vi/roles";
import { outbox } from "./vi/outbox";
import { courses } from "./vi/courses";
import { files } from "./vi/files";
import { learning } from "./vi/learning";
import { plans } from "./vi/plans";
import { classes } from "./vi/classes";
import { attendance } from "./vi/attendance";
import { quizResults } from "./vi/quiz-results";
import { quizPlayer } from "./vi/quiz-player";
import { quizAttempts } from "./vi/quiz-attempts";
import { questionEditor } from "./vi/question-editor";
import { banks } from "./vi/banks";
import { quizImport } from "./vi/quiz-import";
import { quizSetup } from "./vi/quiz-setup";

export const vi = {
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
} as const;

export type MessageKey = keyof typeof vi;
