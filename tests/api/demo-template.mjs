// tests/api/demo-template.mjs — make the demo database the API tests copy
// (tests/api/lib.mjs makes it once per attain binary), before any of them
// starts. CTest runs this as the setup of the fixture api_demo, which every
// api_* test requires: under ctest -j no API test holds a slot idle while
// another one builds the demo (~30 s under ASan); other tests run meanwhile.
//
//   node tests/api/demo-template.mjs path/to/attain
import fs from 'node:fs';
import { attainArg, freshDemo } from './lib.mjs';

const { dir } = await freshDemo(attainArg());
fs.rmSync(dir, { recursive: true, force: true });
