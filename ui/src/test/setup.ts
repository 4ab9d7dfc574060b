import "@testing-library/jest-dom/vitest";
window.scrollTo = () => undefined;

// findBy*/waitFor default to 1 s, which a 2-core CI machine busy compiling Rust can miss.
import { configure } from "@testing-library/react";
configure({ asyncUtilTimeout: 5000 });
