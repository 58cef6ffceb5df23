import type { home as vi } from "../vi/home";

export const home: Record<keyof typeof vi, string> = {
  "home.title": "Home",
  "home.greeting": "Hello, {name}",
  "home.yourRoles": "Your roles",
  "home.roleOn": "{role} — {unit}",
  "home.province.title": "Province administration",
  "home.province.body": "Manage the province's unit tree and its officials.",
  "home.unitAdmin.title": "Unit administration",
  "home.unitAdmin.body": "Manage the units and officials in your care.",
  "home.trainer.title": "Trainer",
  "home.trainer.body": "You are a trainer for these units.",
  "home.learner.title": "Learning",
  "home.learner.body": "Your unit: {unit}. Check your profile so that certificates show your details correctly.",
  "home.stat.units": "Units",
  "home.stat.people": "Officials",
  "home.stat.activePeople": "Active",
  "home.openUnits": "Open the unit tree",
  "home.openProfile": "View profile",
};
