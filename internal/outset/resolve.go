package outset

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// target is what an output path names once its symbolic links are
// followed.
type target struct {
	path string      // the real path, every link followed; where a new file goes
	info os.FileInfo // what is there now; nil when nothing is
	fd   int         // >= 0 when the path names one of this process's open descriptors (/dev/stdout)
}

// stream reports whether the target is written in place, as a stream: a
// descriptor, a device or a pipe. Such a file cannot be replaced by
// another, and must not be.
func (t target) stream() bool {
	return t.fd >= 0 || t.info != nil && !t.info.Mode().IsRegular() && !t.info.IsDir()
}

// isDir reports whether a directory is there.
func (t target) isDir() bool { return t.info != nil && t.info.IsDir() }

// maxHops bounds a chain of symbolic links, as the system does.
const maxHops = 40

// resolve follows path's symbolic links to what they name. A link whose
// file does not exist yet resolves to where that file would be made, so
// that writing through it creates it, as a shell's > does.
func resolve(path string) (target, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return target{}, err
	}
	for range maxHops {
		// the directory's own links first, so that a relative link is read
		// from where it really is
		if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			p = filepath.Join(dir, filepath.Base(p))
		}
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			// nothing there yet (or a file where a directory should be,
			// which making the directory reports)
			return target{path: p, fd: -1}, nil
		}
		if err != nil {
			return target{}, err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			return target{path: p, info: fi, fd: -1}, nil
		}
		if fd, ok := ownDescriptor(p); ok {
			return target{path: p, fd: fd}, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return target{}, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return target{}, errors.New("too many levels of symbolic links")
}
