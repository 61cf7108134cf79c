// Command media shows media storage: it uploads a file streamed from
// memory, reads its description, lists files by content type, extends its
// lifetime, replaces its content, downloads it as a stream and deletes it.
//
// Run it from the repository root:
//
//	go run ./examples/media
//
// Without TELNYX_API_KEY it starts the built-in fake API. With
// TELNYX_API_KEY set it talks to the real API and only lists media files;
// add -write to upload, change and delete a file called
// telnyx-go-example-greeting.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
)

// mediaName is the name the example stores its file under.
const mediaName = "telnyx-go-example-greeting"

func main() {
	write := flag.Bool("write", false, exampleenv.WriteUsage)
	flag.Parse()
	exampleenv.Main(*write, nil, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return run(ctx, out, env.Client, env.Write)
	})
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client, write bool) error {
	first := []byte("RIFF....WAVE: first version of the greeting\n")
	second := bytes.Repeat([]byte("RIFF....WAVE: second, longer version\n"), 100)
	files := media.New(client)

	if write {
		if err := upload(ctx, out, files, first); err != nil {
			return err
		}
	}
	if err := listWAV(ctx, out, files); err != nil {
		return err
	}
	if write {
		if err := update(ctx, out, files, second); err != nil {
			return err
		}
		if err := download(ctx, out, files, second); err != nil {
			return err
		}
		if err := remove(ctx, out, files); err != nil {
			return err
		}
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// upload stores content under mediaName for an hour and reads it back.
func upload(ctx context.Context, out io.Writer, files *media.Service, content []byte) error {
	// The content is streamed as multipart/form-data; a *bytes.Reader
	// (like an *os.File) can be sent again if the upload is retried.
	file, err := files.Upload(ctx, media.UploadParams{
		File:        bytes.NewReader(content),
		FileName:    "greeting.wav",
		ContentType: "audio/wav",
		MediaName:   telnyx.String(mediaName),
		TTLSecs:     telnyx.Int(3600),
	})
	if err != nil {
		return fmt.Errorf("uploading: %w", err)
	}
	_, _ = fmt.Fprintf(out, "uploaded %s: %s, %d bytes\n", file.MediaName, file.ContentType, len(content))

	file, err = files.Get(ctx, mediaName)
	if err != nil {
		return fmt.Errorf("getting: %w", err)
	}
	_, _ = fmt.Fprintf(out, "%s expires at %s\n", file.MediaName, file.ExpiresAt.Format(time.RFC3339))
	return nil
}

// listWAV lists the WAV files; the zero ListParams would list every file.
func listWAV(ctx context.Context, out io.Writer, files *media.Service) error {
	n := 0
	for file, err := range files.ListAutoPaging(ctx, media.ListParams{
		Filter: &media.ListFilter{ContentType: []string{"audio/wav"}},
	}) {
		if err != nil {
			return fmt.Errorf("listing: %w", err)
		}
		n++
		_, _ = fmt.Fprintf(out, "  %s  %s  expires %s\n", file.MediaName, file.ContentType, file.ExpiresAt.Format(time.RFC3339))
	}
	_, _ = fmt.Fprintf(out, "audio/wav files: %d\n", n)
	return nil
}

// update changes the lifetime only, then the content too.
func update(ctx context.Context, out io.Writer, files *media.Service, content []byte) error {
	file, err := files.Update(ctx, mediaName, media.UpdateParams{TTLSecs: telnyx.Int(2 * 3600)})
	if err != nil {
		return fmt.Errorf("extending: %w", err)
	}
	_, _ = fmt.Fprintf(out, "extended %s: expires at %s\n", file.MediaName, file.ExpiresAt.Format(time.RFC3339))
	file, err = files.Update(ctx, mediaName, media.UpdateParams{File: bytes.NewReader(content), FileName: "greeting.wav"})
	if err != nil {
		return fmt.Errorf("replacing: %w", err)
	}
	_, _ = fmt.Fprintf(out, "replaced the content of %s with %d bytes\n", file.MediaName, len(content))
	return nil
}

// download streams the content, which the SDK does not buffer, through a
// hash and checks it against want.
func download(ctx context.Context, out io.Writer, files *media.Service, want []byte) error {
	dl, err := files.Download(ctx, mediaName)
	if err != nil {
		return fmt.Errorf("downloading: %w", err)
	}
	h := sha256.New()
	size, err := io.Copy(h, dl)
	_ = dl.Close()
	if err != nil {
		return fmt.Errorf("reading the download: %w", err)
	}
	sum := sha256.Sum256(want)
	if !bytes.Equal(h.Sum(nil), sum[:]) {
		return errors.New("the downloaded content differs from the uploaded one")
	}
	_, _ = fmt.Fprintf(out, "downloaded %s: %s, %d bytes, sha256 %x… matches\n", mediaName, dl.ContentType, size, sum[:4])
	return nil
}

// remove deletes the file and checks that it is gone.
func remove(ctx context.Context, out io.Writer, files *media.Service) error {
	if err := files.Delete(ctx, mediaName); err != nil {
		return fmt.Errorf("deleting: %w", err)
	}
	_, _ = fmt.Fprintf(out, "deleted %s\n", mediaName)
	_, err := files.Get(ctx, mediaName)
	if err == nil {
		return errors.New("getting the deleted file: want a 404, got the file")
	}
	if !errors.Is(err, telnyx.ErrNotFound) {
		return fmt.Errorf("getting the deleted file: want a 404, got: %w", err)
	}
	_, _ = fmt.Fprintf(out, "%s is gone: %v\n", mediaName, err)
	return nil
}
