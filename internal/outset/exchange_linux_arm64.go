package outset

// sysRenameat2 is renameat2 on linux/arm64.
const sysRenameat2 = 276
