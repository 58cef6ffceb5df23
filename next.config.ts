import type { NextConfig } from "next";

const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  {
    key: "Content-Security-Policy",
    // Next inlines its bootstrap scripts, hence 'unsafe-inline' for scripts until nonces land.
    value:
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  },
];

const config: NextConfig = {
  poweredByHeader: false,
  // Parallel builds (several work trees, a test run beside a demo) each get their own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm run typecheck` (part of `npm test`) checks the whole project, tests included; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native and WASM packages are loaded by Node at run time, never bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "pg",
    "@node-rs/argon2",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Course files (app/api/files, decision 061): Chrome shows a PDF through an internal <embed>,
      // which `object-src 'none'` blocks, and the lesson page may frame a PDF or a video of its own
      // origin. Nothing else may load or run: the file is data, never a page of this site. (For the
      // same key a later rule wins.)
      {
        source: "/api/files/:id",
        headers: [
          {
            key: "Content-Security-Policy",
            value:
              "default-src 'none'; object-src 'self'; media-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
          },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

export default config;
