// The one registry of viewer-scoped data functions: every exported function of lib/ that takes the
// viewer and reaches the database is named here with where its outsider cases live.
// tests/unit/tenancy.test.ts fails when a function is missing (or a name is stale), when the suite
// or test file named does not call it, and when a helper is not used by the functions it names.
// Adding a data function means adding it here, which means writing its outsider case.

/** The isolation suites: outsiders (other units, other provinces, other courses) with forged ids. */
export type IsolationSuite = "isolation" | "courses-isolation" | "plans-isolation" | "classes-isolation";

export type Coverage =
  /** Outsider cases in tests/integration/<suite>.test.ts call it. */
  | { suite: IsolationSuite }
  /** Outsider cases with forged ids in another integration test file (name without extension). */
  | { test: string }
  /** It takes no object id: it reads or writes only the viewer's own data, or data shared by all. */
  | { nothingToForge: string }
  /** A helper: these registered functions (with their own outsider cases) use it. */
  | { within: readonly string[] };

const units = { suite: "isolation" } as const;
const courses = { suite: "courses-isolation" } as const;
const plans = { suite: "plans-isolation" } as const;
const classes = { suite: "classes-isolation" } as const;

export const ISOLATION_REGISTRY: Record<string, Coverage> = {
  // Units, people, roles, audit, mail, privacy, imports
  getUnit: units,
  listUnits: units,
  moveTargets: units,
  mergeTargets: units,
  previewMerge: units,
  unitOptionsWith: units,
  unitTreePage: units,
  unitStats: { test: "units" },
  grantUnitNames: { nothingToForge: "names of the viewer's own unit and of the units of their own grants" },
  createUnit: units,
  renameUnit: units,
  moveUnit: units,
  deactivateUnit: units,
  reactivateUnit: units,
  mergeUnit: units,
  getPerson: units,
  getPersonAccount: units,
  listPeople: units,
  unitOptions: units,
  createPerson: units,
  updatePerson: units,
  setPersonActive: units,
  resendInvitation: { test: "people-admin" },
  canManageAccount: { test: "account-scope" },
  assertManagesAccount: { within: ["updatePerson", "setPersonActive", "resendInvitation"] },
  getOwnProfile: { nothingToForge: "the viewer's own card" },
  updateOwnProfile: { nothingToForge: "the viewer's own card" },
  changeOwnPassword: { nothingToForge: "the viewer's own password" },
  listGrants: units,
  grantOptions: units,
  grantRole: units,
  revokeRole: units,
  listAuditEvents: units,
  listOutbox: units,
  anonymisePerson: units,
  getPrivacyOverview: units,
  exportOwnData: { nothingToForge: "the viewer's own data" },
  importPeople: units,
  previewImport: { test: "import" },
  importTemplate: units,
  loadLookups: { within: ["previewImport", "importPeople"] },
  recordAccessDenied: { nothingToForge: "logs the viewer's own refused request" },
  noteRefusal: { nothingToForge: "logs the viewer's own refused request" },

  // Courses, files, learning
  courseAccess: courses,
  assertManageCourse: courses,
  assertStudyCourse: courses,
  homeUnitChain: { within: ["listCatalogue", "courseAccess"] },
  hasCourseStaffView: { nothingToForge: "whether the viewer themselves trains or manages any course" },
  listAreas: { nothingToForge: "the catalogue's areas are shared labels, the same for everyone" },
  listAreasForAdmin: courses,
  createArea: courses,
  updateArea: courses,
  createCourse: courses,
  updateCourse: courses,
  setCourseStatus: courses,
  addTrainer: courses,
  removeTrainer: courses,
  getCourseContent: courses,
  addSection: courses,
  renameSection: courses,
  deleteSection: courses,
  addLesson: courses,
  updateLesson: courses,
  deleteLesson: courses,
  reorderContent: courses,
  listMyCourses: courses,
  selfEnrol: courses,
  withdraw: courses,
  audienceOptions: courses,
  getCourseForEdit: courses,
  getCourseOverview: courses,
  listCatalogue: courses,
  listManagedCourses: courses,
  owningUnitOptions: courses,
  uploadResponse: { test: "files" },
  uploadCourseFile: { within: ["uploadResponse"] },
  courseFileResponse: { test: "files" },
  courseFileForStudy: { within: ["courseFileResponse"] },
  lessonForStudy: { test: "progress" },
  recordProgress: { test: "progress" },
  courseProgress: { test: "progress" },

  // Plans
  planAccess: plans,
  assertManagePlan: { within: ["approvePlan", "previewPlanImport", "planTemplate"] },
  lockPlanForManage: { within: ["addPlanItem", "updatePlanItem", "deletePlanItem", "setPlanQuota"] },
  recordAmendment: { within: ["addPlanItem", "updatePlanItem", "deletePlanItem", "setPlanQuota"] },
  createPlan: plans,
  renamePlan: plans,
  approvePlan: plans,
  addPlanItem: plans,
  updatePlanItem: plans,
  deletePlanItem: plans,
  movePlanItem: plans,
  setPlanQuota: plans,
  exportPlan: plans,
  planTemplate: plans,
  importPlanItems: plans,
  previewPlanImport: plans,
  getPlan: plans,
  getPlanItemForEdit: plans,
  listPlans: plans,
  planFormOptions: plans,
  planOwnerOptions: plans,

  // Classes, notifications, attendance, calendar
  classAccess: { within: ["getClass", "selfEnrolInClass"] },
  mayJoinSelf: { within: ["getClass", "selfEnrolInClass"] },
  nominatesFor: { within: ["nominate", "nominationCandidates"] },
  teaches: { within: ["getClass"] },
  readClassFor: { within: ["getClass", "nominate", "updateClass"] },
  openClass: classes,
  updateClass: classes,
  cancelClass: classes,
  saveSession: classes,
  removeSession: classes,
  decideEnrolment: classes,
  nominate: classes,
  quotaLeft: classes,
  selfEnrolInClass: classes,
  withdrawFromClass: classes,
  getClass: classes,
  listManagedClasses: classes,
  listTaughtClasses: classes,
  ownAttendance: { nothingToForge: "the viewer's own attendance record of a session: another session id finds no record of theirs" },
  listMyClasses: classes,
  listNominatableClasses: classes,
  nominationCandidates: classes,
  planItemForNewClass: classes,
  trainerChoices: classes,
  listMyNotifications: classes,
  markRead: classes,
  unreadCount: classes,
  sessionForAttendance: { within: ["roster", "markAttendance"] },
  roster: { test: "attendance" },
  markAttendance: { test: "attendance" },
  checkIn: { test: "attendance" },
  checkInToken: { test: "attendance" },
  mySchedule: { nothingToForge: "the viewer's own sessions" },
  myCalendar: { nothingToForge: "the viewer's own sessions" },
  myFeed: { nothingToForge: "the viewer's own calendar feed" },
  rotateFeed: { nothingToForge: "the viewer's own calendar feed" },
  revokeFeed: { nothingToForge: "the viewer's own calendar feed" },

  // Quizzes (issue 10): each quiz test file holds its own outsider cases.
  bankAccess: { test: "quiz-bank-access" },
  assertEditBank: { test: "quiz-bank-access" },
  usableBanksForCourse: { test: "quiz-bank-access" },

  // Quiz attempts (issue 10, the engine): the learner's own attempts only.
  viewerQuiz: { test: "quiz-attempts" },
  viewerAttempt: { test: "quiz-attempts" },
  startAttempt: { test: "quiz-attempts" },
  saveAnswers: { test: "quiz-attempts" },
  submitAttempt: { test: "quiz-attempts" },
  checkQuestion: { test: "quiz-attempts" },
  quizForLearner: { test: "quiz-attempts" },
  attemptForLearner: { test: "quiz-attempts" },
  reviewForLearner: { test: "quiz-attempts" },
};
