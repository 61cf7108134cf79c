package telnyxtest_test

import (
	"testing"
)

func TestCustomStorageCredentialsLifecycle(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	p := "/custom_storage_credentials/1234567890"
	a.expectError(404, "10005", "", "GET", p, nil)
	a.expectError(404, "10005", "", "PUT", p, map[string]any{"backend": "gcs", "configuration": map[string]any{"backend": "gcs"}})

	a.expectError(400, "10015", "/backend", "POST", p, map[string]any{"configuration": map[string]any{"backend": "gcs"}})
	a.expectError(400, "10015", "/backend", "POST", p, map[string]any{"backend": "ftp", "configuration": map[string]any{"backend": "ftp"}})
	a.expectError(400, "10015", "/configuration", "POST", p, map[string]any{"backend": "gcs"})
	a.expectError(400, "10015", "/configuration/backend", "POST", p, map[string]any{"backend": "gcs", "configuration": map[string]any{"bucket": "b"}})
	a.expectError(400, "10015", "/configuration/backend", "POST", p, map[string]any{"backend": "s3", "configuration": map[string]any{"backend": "azure"}})
	a.expectError(400, "10015", "/configuration/bucket", "POST", p, map[string]any{"backend": "s3", "configuration": map[string]any{"backend": "s3", "bucket": 5}})

	gcs := map[string]any{"backend": "gcs", "configuration": map[string]any{"backend": "gcs", "bucket": "example-bucket", "credentials": "OPAQUE"}}
	m := a.must(200, "POST", p, gcs)
	eq(t, m["connection_id"], any("1234567890"), "connection_id")
	eq(t, m["record_type"], any("custom_storage_credentials"), "record_type")
	d := data(t, m)
	eq(t, d["backend"], any("gcs"), "backend")
	eq(t, d["configuration"].(map[string]any)["bucket"], any("example-bucket"), "bucket")
	a.expectError(400, "10015", "connection_id", "POST", p, gcs)

	s3 := map[string]any{"backend": "s3", "configuration": map[string]any{"backend": "s3", "bucket": "b2", "region": "us-east-1",
		"aws_access_key_id": "AKIA", "aws_secret_access_key": "secret"}}
	d = data(t, a.must(200, "PUT", p, s3))
	eq(t, d["backend"], any("s3"), "updated backend")
	d = data(t, a.must(200, "GET", p, nil))
	eq(t, d["configuration"].(map[string]any)["region"], any("us-east-1"), "region")

	azure := map[string]any{"backend": "azure", "configuration": map[string]any{"backend": "azure", "account_name": "acc", "account_key": "k", "bucket": "c"}}
	a.must(200, "PUT", p, azure)

	// s3-generic (official SDK v4.97.0, S3GenericConfigurationData): every
	// field is required and the endpoint is an http or https URL.
	generic := func(drop string, endpoint string) map[string]any {
		cfg := map[string]any{"backend": "s3-generic", "bucket": "rec", "region": "auto",
			"aws_access_key_id": "AKIA", "aws_secret_access_key": "secret", "endpoint": endpoint}
		delete(cfg, drop)
		return map[string]any{"backend": "s3-generic", "configuration": cfg}
	}
	a.expectError(400, "10015", "/configuration/endpoint", "PUT", p, generic("endpoint", ""))
	a.expectError(400, "10015", "/configuration/region", "PUT", p, generic("region", "https://s3.example.com"))
	a.expectError(400, "10015", "/configuration/endpoint", "PUT", p, generic("", "ftp://s3.example.com"))
	a.expectError(400, "10015", "/configuration/endpoint", "PUT", p, generic("", "s3.example.com"))
	d = data(t, a.must(200, "PUT", p, generic("", "https://xyz.supabase.co/storage/v1/s3")))
	eq(t, d["backend"], any("s3-generic"), "s3-generic backend")
	eq(t, d["configuration"].(map[string]any)["endpoint"], any("https://xyz.supabase.co/storage/v1/s3"), "endpoint answered")

	a.must(204, "DELETE", p, nil)
	a.expectError(404, "10005", "", "GET", p, nil)
	a.expectError(404, "10005", "", "DELETE", p, nil)
}

func TestDialogflowConnectionLifecycle(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	p := "/dialogflow_connections/1234541231"
	a.expectError(422, "10015", "/service_account", "POST", p, map[string]any{"dialogflow_api": "cx"})
	a.expectError(422, "10015", "/service_account", "POST", p, map[string]any{"service_account": "not-an-object"})
	a.expectError(422, "10015", "/dialogflow_api", "POST", p, map[string]any{"service_account": map[string]any{"type": "service_account"}, "dialogflow_api": "dx"})
	// Dialogflow CX needs the agent's conversation profile and location.
	a.expectError(422, "10015", "/conversation_profile_id", "POST", p, map[string]any{"service_account": map[string]any{"type": "service_account"}, "dialogflow_api": "cx", "location": "global"})
	a.expectError(422, "10015", "/location", "POST", p, map[string]any{"service_account": map[string]any{"type": "service_account"}, "dialogflow_api": "cx", "conversation_profile_id": "p"})

	body := map[string]any{
		"service_account":         map[string]any{"type": "service_account", "project_id": "p"},
		"dialogflow_api":          "cx",
		"conversation_profile_id": "a-VMHLWzTmKjiJw5S6O0-w",
		"location":                "global",
		"environment":             "development",
	}
	d := data(t, a.must(201, "POST", p, body))
	eq(t, d["record_type"], any("dialogflow_connections"), "record_type")
	eq(t, d["connection_id"], any("1234541231"), "connection_id")
	eq(t, d["service_account"], any("****"), "service account is masked")
	eq(t, d["conversation_profile_id"], any("a-VMHLWzTmKjiJw5S6O0-w"), "profile")
	a.expectError(422, "10015", "connection_id", "POST", p, body)

	body["environment"] = "production"
	d = data(t, a.must(200, "PUT", p, body))
	eq(t, d["environment"], any("production"), "updated environment")
	eq(t, data(t, a.must(200, "GET", p, nil))["environment"], any("production"), "get after update")

	a.must(204, "DELETE", p, nil)
	a.expectError(404, "10005", "", "GET", p, nil)
	a.expectError(404, "10005", "", "PUT", p, body)
}

func TestSiprecConnectorLifecycle(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	// SIPREC errors carry integer codes.
	a.expectError(422, float64(10015), "/host", "POST", "/siprec_connectors", map[string]any{"port": 5060, "name": "x"})
	a.expectError(422, float64(10015), "/port", "POST", "/siprec_connectors", map[string]any{"host": "h", "name": "x"})
	a.expectError(422, float64(10015), "/name", "POST", "/siprec_connectors", map[string]any{"host": "h", "port": 5060})
	a.expectError(422, float64(10015), "/port", "POST", "/siprec_connectors", map[string]any{"host": "h", "port": "5060", "name": "x"})

	body := map[string]any{"host": "siprec.telnyx.com", "port": 5060, "name": "my-connector", "app_subdomain": "my-app"}
	d := data(t, a.must(201, "POST", "/siprec_connectors", body))
	eq(t, d["record_type"], any("siprec_connector"), "record_type")
	eq(t, d["port"], any(5060.0), "port")
	a.expectError(422, float64(10015), "/name", "POST", "/siprec_connectors", body)

	body["port"] = 5061
	d = data(t, a.must(200, "PUT", "/siprec_connectors/my-connector", body))
	eq(t, d["port"], any(5061.0), "updated port")
	d = data(t, a.must(200, "GET", "/siprec_connectors/my-connector", nil))
	eq(t, d["app_subdomain"], any("my-app"), "app_subdomain")

	a.must(204, "DELETE", "/siprec_connectors/my-connector", nil)
	a.expectError(404, float64(10005), "", "GET", "/siprec_connectors/my-connector", nil)
	a.expectError(404, float64(10005), "", "PUT", "/siprec_connectors/my-connector", body)
	a.expectError(404, float64(10005), "", "DELETE", "/siprec_connectors/my-connector", nil)
}
