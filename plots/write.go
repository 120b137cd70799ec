package plots

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Size of every chart: 600x450 points, 800x600 pixels at 96 dpi.
const (
	width  = 600 * vg.Inch / 72
	height = 450 * vg.Inch / 72
)

// save writes p to base.png and base.svg.
func save(p *plot.Plot, base string) error {
	png := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))}
	p.Draw(draw.New(png))
	if err := writeAtomic(base+".png", png.WriteTo); err != nil {
		return err
	}
	svg := vgsvg.NewWith(vgsvg.UseWH(width, height), vgsvg.EmbedFonts(true))
	p.Draw(draw.New(svg))
	return writeAtomic(base+".svg", svg.WriteTo)
}

// writeAtomic writes through a temporary file in the target's folder and
// renames it into place; on failure the temporary file is removed.
func writeAtomic(path string, write func(io.Writer) (int64, error)) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	if _, err = write(w); err != nil {
		return fmt.Errorf("plots: writing %s: %w", path, err)
	}
	if err = w.Flush(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
