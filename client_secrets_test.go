package telnyx_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// The secrets of this file: each holds a distinctive core that no sink may
// show, raw or hex-encoded.
const (
	secretAPIKey = "KEY-apiSECRETcore7731"
	secretS3     = "s3SECRETcore4411"
	secretGCS    = "gcsSECRETcore5522"
	secretAzure  = "azureSECRETcore6633"
	secretPEM    = "dfPRIVATEKEYcore9988"
)

var secretCores = []string{"apiSECRETcore7731", secretS3, secretGCS, secretAzure, secretPEM}

// serviceAccount is a Google service account key holding the private key.
var serviceAccount = `{"type":"service_account","project_id":"p","private_key_id":"1","private_key":"-----BEGIN PRIVATE KEY-----\n` +
	secretPEM + `\n-----END PRIVATE KEY-----\n","client_email":"bot@p.iam.gserviceaccount.com"}`

// leak returns the first secret that s shows, in clear or hex-encoded, or "".
func leak(s string) string {
	for _, core := range secretCores {
		for _, form := range []string{core, hex.EncodeToString([]byte(core)), strings.ToUpper(hex.EncodeToString([]byte(core)))} {
			if strings.Contains(s, form) {
				return core
			}
		}
	}
	return ""
}

// secretServer plays the API for the secret-bearing endpoints. Its answers
// echo the secrets back, the worst an API could do, so that decoded answers
// hold them; connection ids starting with "fail" are refused with 422 and
// "reset" ones break the connection. It records the bodies it received.
func secretServer(t *testing.T) (string, func() []string) {
	var (
		mu     sync.Mutex
		bodies []string
	)
	srv, _ := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, r.Header.Get("Authorization")+" "+string(b))
		mu.Unlock()
		switch {
		case strings.Contains(r.URL.Path, "/fail"):
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = io.WriteString(w, `{"errors":[{"code":"10015","title":"Invalid parameter","detail":"bucket is not reachable","source":{"pointer":"/configuration"}}]}`)
		case strings.Contains(r.URL.Path, "/reset"):
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				reset(conn)
			}
		case strings.Contains(r.URL.Path, "/garbled"):
			_, _ = io.WriteString(w, `{"data":{"connection_id":`)
		case strings.HasPrefix(r.URL.Path, "/v2/custom_storage_credentials/"):
			_, _ = fmt.Fprintf(w, `{"data":{"backend":"s3","configuration":{"backend":"s3","bucket":"b","region":"us-east-1","aws_access_key_id":"AKIA","aws_secret_access_key":%q}},"connection_id":"c1","record_type":"custom_storage_credentials"}`, secretS3)
		case strings.HasPrefix(r.URL.Path, "/v2/dialogflow_connections/"):
			_, _ = fmt.Fprintf(w, `{"data":{"record_type":"dialogflow_connections","connection_id":"c1","service_account":%q,"dialogflow_api":"es"}}`, serviceAccount)
		default:
			_, _ = io.WriteString(w, `{"data":{}}`)
		}
	})
	return srv.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), bodies...)
	}
}

// TestSecretsInEverySink: the API key, the storage secrets and the
// Dialogflow private key reach the API and nothing else: no slog line (text
// or JSON, debug level), no error text, no fmt verb of any SDK value, bare
// or nested in structs, slices, maps and pointers, and no JSON encoding.
func TestSecretsInEverySink(t *testing.T) { //nolint:paralleltest // goleak check in each subtest: goroutines of tests running beside it would count as leaks
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			noLeak(t)
			var logs bytes.Buffer
			var mu sync.Mutex
			handlerOpts := &slog.HandlerOptions{Level: slog.LevelDebug}
			var h slog.Handler = slog.NewTextHandler(lockedWriter{&mu, &logs}, handlerOpts)
			if format == "json" {
				h = slog.NewJSONHandler(lockedWriter{&mu, &logs}, handlerOpts)
			}
			logger := slog.New(h)
			base, received := secretServer(t)
			hc := option.DefaultHTTPClient()
			t.Cleanup(hc.CloseIdleConnections)
			c, err := telnyx.NewClient(option.WithAPIKey(secretAPIKey), option.WithBaseURL(base+"/v2"), option.WithHTTPClient(hc),
				option.WithLogger(logger), option.WithRetryBackoff(0, 0))
			require.NoError(t, err)
			ctx := t.Context()

			storage := storagecredentials.New(c)
			df := dialogflow.New(c)
			ec := externalconnections.New(c)
			recs := recordings.New(c)
			s3 := storagecredentials.S3Configuration{AWSAccessKeyID: "AKIA", AWSSecretAccessKey: telnyx.NewSecret(secretS3), Region: "us-east-1", Bucket: "b"}
			gcs := storagecredentials.GCSConfiguration{Credentials: telnyx.NewSecret(secretGCS), Bucket: "b"}
			azure := &storagecredentials.AzureConfiguration{AccountName: "acct", AccountKey: telnyx.NewSecret(secretAzure), Bucket: "b"}
			dfParams := dialogflow.Params{ServiceAccount: telnyx.NewSecret(serviceAccount)}

			// Success and failure paths of every secret-bearing operation.
			var values []any
			var errs []error
			keep := func(v any, err error) {
				if err != nil {
					errs = append(errs, err)
					return
				}
				values = append(values, v)
			}
			for _, cfg := range []storagecredentials.Configuration{s3, gcs, azure, &s3} {
				p := storagecredentials.Params{Configuration: cfg}
				values = append(values, p)
				keep(storage.Create(ctx, "c1", p))
				keep(storage.Update(ctx, "fail-1", p))
				keep(storage.Create(ctx, "reset-1", p))
			}
			keep(storage.Get(ctx, "c1"))
			keep(storage.Get(ctx, "garbled-1"))
			keep(storage.Create(ctx, "c1", storagecredentials.Params{Configuration: storagecredentials.S3Configuration{AWSSecretAccessKey: telnyx.NewSecret(secretS3)}}))
			keep(storage.Create(ctx, "../c1", storagecredentials.Params{Configuration: gcs}))
			keep(df.Create(ctx, "c1", dfParams))
			keep(df.Update(ctx, "fail-1", dfParams))
			keep(df.Update(ctx, "reset-1", dfParams))
			keep(df.Get(ctx, "c1"))
			keep(df.Get(ctx, "garbled-1"))
			keep(df.Create(ctx, "c1", dialogflow.Params{ServiceAccount: telnyx.NewSecret("not json " + secretPEM)}))
			keep(df.Create(ctx, "c1", dialogflow.Params{ServiceAccount: telnyx.NewSecret(serviceAccount), Edition: telnyx.Ptr(dialogflow.EditionCX)}))
			values = append(values, dfParams)
			_, err = telnyx.NewClient(option.WithAPIKey(secretAPIKey+"\n"), option.WithBaseURL(base))
			errs = append(errs, err)
			_, err = telnyx.NewClient(option.WithAPIKey(secretAPIKey), option.WithBaseURL("https://user:"+secretGCS+"@api.test/v2"))
			errs = append(errs, err)
			_, err = telnyx.NewClient(option.WithAPIKey(secretAPIKey), option.WithBaseURL("https://user:"+secretGCS+"@api.test:port/v2"))
			errs = append(errs, err)

			// Every reply was received with the real secrets: redaction
			// never reaches the wire.
			wire := strings.Join(received(), "\n")
			for _, core := range secretCores {
				assert.Contains(t, wire, core, "the API must receive %s", core)
			}
			require.NotEmpty(t, errs)
			require.GreaterOrEqual(t, len(values), 8)

			services := []any{c, storage, df, ec, ec.LogMessages, ec.CivicAddresses, ec.PhoneNumbers, ec.Releases, ec.Uploads,
				ec.OperatorConnect, recs, recs.Transcriptions, media.New(c), siprec.New(c), *storage, *ec}
			all := append(append([]any{}, services...), values...)
			for _, e := range errs {
				require.Error(t, e)
				all = append(all, e)
				assert.Empty(t, leak(e.Error()), "error text: %s", e.Error())
			}
			type holder struct {
				Value   any
				Ptr     *any
				private any
			}
			nested := make([]any, 0, 4*len(all))
			for i := range all {
				v := all[i]
				nested = append(nested, v, &v, holder{Value: v, Ptr: &v, private: v}, []any{v, v}, map[string]any{"v": v}, [1]any{v},
					struct{ Inner holder }{holder{Value: v}})
			}
			nested = append(nested, s3, gcs, azure, &s3, telnyx.NewSecret(secretS3), map[telnyx.Secret]int{telnyx.NewSecret(secretGCS): 1})

			verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"}
			printed := 0
			for _, v := range nested {
				for _, verb := range verbs {
					out := fmt.Sprintf(verb, v)
					printed++
					if core := leak(out); core != "" {
						t.Errorf("%s of %T shows %s: %s", verb, v, core, out)
					}
				}
				for _, out := range []string{fmt.Sprint(v), fmt.Sprintln(v)} {
					assert.Empty(t, leak(out), "fmt.Sprint of %T", v)
				}
				if b, err := json.Marshal(v); err == nil {
					assert.Empty(t, leak(string(b)), "JSON of %T: %s", v, b)
				}
				logger.Debug("value", "v", v, slog.Any("any", v), slog.Group("g", "nested", v))
				logger.With("with", v).Info("with")
			}
			mu.Lock()
			logText := logs.String()
			mu.Unlock()
			assert.Contains(t, logText, "telnyx request", "the attempts were logged")
			assert.Contains(t, logText, "telnyx retry", "retries taken were logged")
			assert.Contains(t, logText, "telnyx no retry", "retries refused were logged")
			assert.Contains(t, logText, "budget_tokens", "the budget left was logged")
			for _, line := range strings.Split(logText, "\n") {
				if core := leak(line); core != "" {
					t.Errorf("log line shows %s: %s", core, line)
				}
			}
			faultRow(t, "secrets in "+format+" logs, errors, fmt verbs, JSON", "no secret anywhere but the wire",
				fmt.Sprintf("%d prints, %d errors, %d log bytes: no secret", printed, len(errs), len(logText)), len(received()))
		})
	}
}

// TestClientAndServicesNeverPrintTheKey: every fmt verb of the client and
// of each service, with every flag, shows no key: the *Client callers hold,
// a Client value copied out of it, and either one nested in other values.
func TestClientAndServicesNeverPrintTheKey(t *testing.T) {
	t.Parallel()
	c, err := telnyx.NewClient(option.WithAPIKey(secretAPIKey), option.WithBaseURL("https://api.test/v2"),
		option.WithHeader("X-Tenant", "t1"), option.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	require.NoError(t, err)
	ec := externalconnections.New(c)
	recs := recordings.New(c)
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "% x", "%#x", "%d", "%p", "%10.3v", "%-+#v", "%t", "%U"}
	// check prints every value with every verb and returns how many prints
	// showed the key.
	check := func(t *testing.T, values []any) (leaks int) {
		for _, v := range values {
			for _, verb := range verbs {
				out := fmt.Sprintf(verb, v)
				if !assert.Empty(t, leak(out), "%s of %T: %s", verb, v, out) {
					leaks++
				}
			}
		}
		return leaks
	}
	t.Run("client pointer and every service", func(t *testing.T) {
		t.Parallel()
		values := []any{c, ec, *ec, ec.LogMessages, ec.CivicAddresses, ec.PhoneNumbers, ec.Releases, ec.Uploads, ec.OperatorConnect,
			recs, *recs, recs.Transcriptions, media.New(c), siprec.New(c), dialogflow.New(c), storagecredentials.New(c),
			struct{ C *telnyx.Client }{c}, []*telnyx.Client{c}, map[string]*telnyx.Client{"c": c}, struct{ c *telnyx.Client }{c}}
		leaks := check(t, values)
		assert.Equal(t, "telnyx.Client{BaseURL: https://api.test/v2}", fmt.Sprint(c))
		var nilClient *telnyx.Client
		assert.NotPanics(t, func() { _ = fmt.Sprintf("%v %+v %#v %s %q", nilClient, nilClient, nilClient, nilClient, nilClient) })
		faultRow(t, "printing the client and every service", "no verb shows the key", fmt.Sprintf("%d of %d prints show the key", leaks, len(values)*len(verbs)), 0)
	})
	t.Run("client value", func(t *testing.T) {
		t.Parallel()
		// A Client value (a copy of *c) has no Format method: fmt prints
		// its fields, and a verb that does not fit a pointer (%s, %q, %t,
		// %U) makes fmt print what the pointer points to.
		values := []any{*c, struct{ C telnyx.Client }{*c}, struct{ c telnyx.Client }{*c}, []telnyx.Client{*c}}
		leaks := check(t, values)
		faultRow(t, "printing a Client value (*c)", "no verb shows the key", fmt.Sprintf("%d of %d prints show the key", leaks, len(values)*len(verbs)), 0)
	})
}

// lockedWriter serialises the writes of a log handler.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
