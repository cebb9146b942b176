#!/usr/bin/env bash
# deploy.sh: from an empty Google Cloud project to a deployed DescribeFunction, reading function.yaml.
# Run `bash deploy.sh --help` for the options; docs/deploying.md explains every step.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash deploy.sh [options]

Deploys DescribeFunction to Google Cloud from the settings in function.yaml: enables the APIs, creates the
Firestore database when missing, the trigger bucket when missing, the function's and the trigger's service
accounts with the roles docs/security.md lists, the Cloud Storage service agent's role, the NOTIFY_TOPIC topic,
the Firestore indexes (and, with the Firebase CLI, the security rules), then deploys the function. Every step
checks before it creates, so running it again is safe.

Options:
  --dry-run          print every command, one per line, and run none (needs no credentials)
  --uninstall        remove what deploy.sh created: the function and its trigger, the service accounts and their
                     role bindings, the topic when deploy.sh created it; never the bucket or the stored documents
  --delete-data      with --uninstall: also delete the stored documents (the FIRESTORE_COLLECTION and
                     FIRESTORE_USAGE_COLLECTION collection groups, and the ledger's shards and grants)
  --project ID       the Google Cloud project (default: GOOGLE_CLOUD_PROJECT in function.yaml, then gcloud's)
  --config FILE      the settings file (default: FUNCTION_CONFIG, then function.yaml beside deploy.sh)
  --help             print this help and exit
EOF
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dry=false uninstall=false delete_data=false project="" config="${FUNCTION_CONFIG:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --dry-run) dry=true ;;
    --uninstall) uninstall=true ;;
    --delete-data) delete_data=true ;;
    --project=*) project="${1#*=}" ;;
    --project) [ $# -ge 2 ] || { echo "deploy.sh: --project needs a project id, e.g. --project my-project." >&2; exit 2; }
      project="$2"; shift ;;
    --config=*) config="${1#*=}" ;;
    --config) [ $# -ge 2 ] || { echo "deploy.sh: --config needs a file, e.g. --config function.yaml." >&2; exit 2; }
      config="$2"; shift ;;
    *) echo "deploy.sh: unknown option '$1'; run 'bash deploy.sh --help' for the options." >&2; exit 2 ;;
  esac
  shift
done
if $delete_data && ! $uninstall; then
  echo "deploy.sh: --delete-data only goes with --uninstall." >&2
  exit 2
fi
config="${config:-$root/function.yaml}"
[ -f "$config" ] || { echo "deploy.sh: the settings file $config does not exist." >&2; exit 2; }
config=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")

# A setting from function.yaml (the README's `setting` helper), or the default when blank or absent.
setting() { local v; v=$(sed -n "s/^$1: *\"\(.*\)\"$/\1/p" "$config" | tail -n 1); echo "${v:-${2:-}}"; }

# The commands: printed shell-quoted with --dry-run, else echoed to stderr and run.
quoted() {
  local out="" a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then out+="$a "; else out+="'${a//\'/\'\\\'\'}' "; fi
  done
  echo "${out% }"
}
run() { if $dry; then quoted "$@"; else echo "+ $(quoted "$@")" >&2; "$@"; fi; }
# An IAM binding right after an account is created can fail until the account has propagated: try for a minute.
run_retrying() {
  if $dry; then quoted "$@"; return; fi
  echo "+ $(quoted "$@")" >&2
  local i
  for i in 1 2 3 4 5 6; do "$@" >/dev/null && return 0; echo "deploy.sh: retrying in 10 s" >&2; sleep 10; done
  "$@" >/dev/null
}
# A check: with --dry-run it prints the command and answers "missing" when installing, "present" when uninstalling.
exists() { if $dry; then echo "$(quoted "$@")  # exists?"; $uninstall; else "$@" >/dev/null 2>&1; fi; }
note() { if $dry; then echo "# $*"; else echo "deploy.sh: $*" >&2; fi; }

name=$(setting FUNCTION_NAME describe-image)
region=$(setting FUNCTION_REGION us-central1)
bucket=$(setting TRIGGER_BUCKET)
project="${project:-$(setting GOOGLE_CLOUD_PROJECT)}"
database=$(setting FIRESTORE_DATABASE "(default)")
firestore_location=$(setting FIRESTORE_LOCATION "$region")
collection=$(setting FIRESTORE_COLLECTION imageDescriptions)
usage_collection=$(setting FIRESTORE_USAGE_COLLECTION describeUsage)
topic=$(setting NOTIFY_TOPIC)
delivery=$(setting IMAGE_DELIVERY gcs-uri)
embedding_model=$(setting EMBEDDING_MODEL)
dimensions=$(setting EMBEDDING_DIMENSIONS 768)
runtime_account_id=$(setting SERVICE_ACCOUNT describe-image)
trigger_account_id=$(setting TRIGGER_SERVICE_ACCOUNT describe-image-trigger)

if [ -z "$project" ] && ! $dry; then project=$(gcloud config get-value project 2>/dev/null || true); fi
if [ -z "$project" ]; then
  $dry || { echo "deploy.sh: no project: set GOOGLE_CLOUD_PROJECT in function.yaml or pass --project ID." >&2; exit 2; }
  project=your-project
  note "GOOGLE_CLOUD_PROJECT is blank and no --project was given: the commands show the project as your-project"
fi
if [ -z "$bucket" ]; then
  $dry || { echo "deploy.sh: TRIGGER_BUCKET is blank in $config; set it to the bucket whose uploads are described." >&2; exit 2; }
  bucket=your-bucket
  note "TRIGGER_BUCKET is blank: the commands show the bucket as your-bucket"
fi

p=(--project="$project")
runtime_account="$runtime_account_id@$project.iam.gserviceaccount.com"
trigger_account="$trigger_account_id@$project.iam.gserviceaccount.com"
created_label=created-by=describe-function-deploy

# The project number names the Google service agents; with --dry-run it stays a placeholder.
project_number() { gcloud projects describe "$project" --format='value(projectNumber)'; }

# The roles of docs/security.md#roles (tests/DescribeFunction.Tests/Deploy/ checks that they are the same).
runtime_project_roles=(roles/aiplatform.user roles/datastore.user)
runtime_bucket_role=roles/storage.objectViewer
runtime_topic_role=roles/pubsub.publisher
trigger_project_roles=(roles/eventarc.eventReceiver)
trigger_service_role=roles/run.invoker
storage_agent_role=roles/pubsub.publisher
vertex_agent_bucket_role=roles/storage.objectViewer

install() {
  # 1. The APIs.
  run gcloud services enable cloudfunctions.googleapis.com run.googleapis.com cloudbuild.googleapis.com \
    artifactregistry.googleapis.com eventarc.googleapis.com pubsub.googleapis.com aiplatform.googleapis.com \
    firestore.googleapis.com storage.googleapis.com iam.googleapis.com logging.googleapis.com \
    cloudresourcemanager.googleapis.com "${p[@]}"

  # 2. The Firestore database, and the bucket (in the function's region, so the trigger's region matches).
  exists gcloud firestore databases describe --database="$database" "${p[@]}" \
    || run gcloud firestore databases create --database="$database" --location="$firestore_location" \
      --type=firestore-native "${p[@]}"
  exists gcloud storage buckets describe "gs://$bucket" "${p[@]}" \
    || run gcloud storage buckets create "gs://$bucket" --location="$region" --uniform-bucket-level-access "${p[@]}"

  # 3. The service accounts and their roles.
  exists gcloud iam service-accounts describe "$runtime_account" "${p[@]}" \
    || run gcloud iam service-accounts create "$runtime_account_id" \
      --display-name="DescribeFunction: the function's identity" "${p[@]}"
  exists gcloud iam service-accounts describe "$trigger_account" "${p[@]}" \
    || run gcloud iam service-accounts create "$trigger_account_id" \
      --display-name="DescribeFunction: the trigger's identity" "${p[@]}"
  local role
  for role in "${runtime_project_roles[@]}"; do
    run_retrying gcloud projects add-iam-policy-binding "$project" --member="serviceAccount:$runtime_account" \
      --role="$role" --condition=None --quiet
  done
  run_retrying gcloud storage buckets add-iam-policy-binding "gs://$bucket" --member="serviceAccount:$runtime_account" \
    --role="$runtime_bucket_role" "${p[@]}"
  for role in "${trigger_project_roles[@]}"; do
    run_retrying gcloud projects add-iam-policy-binding "$project" --member="serviceAccount:$trigger_account" \
      --role="$role" --condition=None --quiet
  done

  # 4. The Cloud Storage service agent publishes the bucket's notifications that Eventarc delivers.
  # (Asking for the agent's address creates it in a project where it does not exist yet.)
  if $dry; then run gcloud storage service-agent "${p[@]}"; else run gcloud storage service-agent "${p[@]}" >/dev/null; fi
  local number=PROJECT_NUMBER
  if $dry; then quoted gcloud projects describe "$project" --format='value(projectNumber)'; else number=$(project_number); fi
  run_retrying gcloud projects add-iam-policy-binding "$project" \
    --member="serviceAccount:service-$number@gs-project-accounts.iam.gserviceaccount.com" \
    --role="$storage_agent_role" --condition=None --quiet

  # 5. With gcs-uri and a bucket in another project, Vertex AI reads the object with its own service agent.
  if [ "$delivery" = gcs-uri ]; then
    local bucket_number=""
    if $dry; then
      quoted gcloud storage buckets describe "gs://$bucket" --raw --format='value(projectNumber)' "${p[@]}"
      note "only when the bucket is in another project:"
    else
      bucket_number=$(gcloud storage buckets describe "gs://$bucket" --raw --format='value(projectNumber)' "${p[@]}")
    fi
    if $dry || [ "$bucket_number" != "$number" ]; then
      run_retrying gcloud storage buckets add-iam-policy-binding "gs://$bucket" \
        --member="serviceAccount:service-$number@gcp-sa-aiplatform.iam.gserviceaccount.com" \
        --role="$vertex_agent_bucket_role" "${p[@]}"
    fi
  fi

  # 6. The pipeline notices' topic and the function's right to publish to it.
  if [ -n "$topic" ]; then
    exists gcloud pubsub topics describe "$topic" "${p[@]}" \
      || run gcloud pubsub topics create "$topic" --labels="$created_label" "${p[@]}"
    run_retrying gcloud pubsub topics add-iam-policy-binding "$topic" --member="serviceAccount:$runtime_account" \
      --role="$runtime_topic_role" "${p[@]}"
  fi

  # 7. The indexes of docs/firestore/firestore.indexes.json (vector ones only with EMBEDDING_MODEL), and the rules.
  indexes
  if [ "$database" != "(default)" ]; then
    note "the security rules of docs/firestore are for the (default) database: deploy them to $database as docs/app-access.md says"
  elif $dry || command -v firebase >/dev/null; then
    note "the Firestore security rules of docs/firestore, with the Firebase CLI (they matter to apps reading Firestore, docs/app-access.md):"
    if $dry; then
      echo "(cd docs/firestore && $(quoted firebase deploy --project="$project" --only firestore:rules))"
    else
      (cd "$root/docs/firestore" && firebase deploy --project="$project" --only firestore:rules) \
        || note "the Firestore security rules were not deployed (see above); docs/app-access.md says how"
    fi
  else
    note "the Firebase CLI is not installed: the Firestore security rules of docs/firestore were not deployed (docs/app-access.md says how)"
  fi

  # 8. The function, with the accounts above; then the trigger's right to invoke it.
  run gcloud functions deploy "$name" \
    --gen2 --runtime=dotnet10 --region="$region" \
    --source="$root" --entry-point=DescribeFunction.DescribeImageFunction \
    --set-build-env-vars=GOOGLE_BUILDABLE=src/DescribeFunction \
    --trigger-bucket="$bucket" --retry \
    --env-vars-file="$config" \
    --service-account="$runtime_account" --trigger-service-account="$trigger_account" \
    --no-allow-unauthenticated \
    --memory=512Mi --cpu=1 --concurrency=32 --timeout=540s "${p[@]}"
  run gcloud run services add-iam-policy-binding "$name" --region="$region" \
    --member="serviceAccount:$trigger_account" --role="$trigger_service_role" "${p[@]}"
}

# One composite index: created, or already there (the only check Firestore offers is the create's answer).
index() {
  local fields=()
  local f
  for f in "$@"; do fields+=(--field-config="$f"); done
  local command=(gcloud firestore indexes composite create --database="$database" --collection-group="$collection"
    --query-scope=COLLECTION "${fields[@]}" --async "${p[@]}")
  if $dry; then quoted "${command[@]}"; return; fi
  echo "+ $(quoted "${command[@]}")" >&2
  local out
  if ! out=$("${command[@]}" 2>&1); then
    case "$out" in *ALREADY_EXISTS* | *"already exists"*) echo "deploy.sh: the index exists already" >&2 ;; *) echo "$out" >&2; return 1 ;; esac
  fi
}

# The composite indexes of docs/firestore/firestore.indexes.json (a test keeps the two the same).
indexes() {
  local vector="vector-config={\"dimension\":\"$dimensions\",\"flat\":\"{}\"}"
  index field-path=labels,array-config=contains field-path=status,order=ascending field-path=updatedAt,order=descending
  index field-path=status,order=ascending field-path=updatedAt,order=descending
  index field-path=owner,order=ascending field-path=updatedAt,order=descending
  if [ -n "$embedding_model" ]; then
    index "field-path=embedding,$vector"
    index field-path=status,order=ascending "field-path=embedding,$vector"
    index field-path=labels,array-config=contains "field-path=embedding,$vector"
    index field-path=name,order=ascending "field-path=embedding,$vector"
  fi
}

remove() {
  # The function (its Eventarc trigger goes with it, and the trigger's run.invoker on its service).
  exists gcloud functions describe "$name" --region="$region" "${p[@]}" \
    && run gcloud functions delete "$name" --region="$region" --quiet "${p[@]}"
  # The role bindings, then the accounts.
  local role
  for role in "${runtime_project_roles[@]}"; do
    run gcloud projects remove-iam-policy-binding "$project" --member="serviceAccount:$runtime_account" \
      --role="$role" --condition=None --quiet || true
  done
  for role in "${trigger_project_roles[@]}"; do
    run gcloud projects remove-iam-policy-binding "$project" --member="serviceAccount:$trigger_account" \
      --role="$role" --condition=None --quiet || true
  done
  run gcloud storage buckets remove-iam-policy-binding "gs://$bucket" --member="serviceAccount:$runtime_account" \
    --role="$runtime_bucket_role" "${p[@]}" || true
  if [ "$delivery" = gcs-uri ]; then
    local number=PROJECT_NUMBER
    if $dry; then quoted gcloud projects describe "$project" --format='value(projectNumber)'; else number=$(project_number); fi
    $dry && note "only when the bucket is in another project (deploy.sh granted it then):"
    run gcloud storage buckets remove-iam-policy-binding "gs://$bucket" \
      --member="serviceAccount:service-$number@gcp-sa-aiplatform.iam.gserviceaccount.com" \
      --role="$vertex_agent_bucket_role" "${p[@]}" 2>/dev/null || true
  fi
  if [ -n "$topic" ]; then
    # The topic goes when deploy.sh created it (its label says so); otherwise only the function's binding.
    local labels=""
    if $dry; then
      quoted gcloud pubsub topics describe "$topic" --format='value(labels)' "${p[@]}"
      note "the topic only when its labels show $created_label; otherwise only the binding:"
    else
      labels=$(gcloud pubsub topics describe "$topic" --format='value(labels)' "${p[@]}" 2>/dev/null || true)
    fi
    if $dry || [ -n "$labels" ]; then
      run gcloud pubsub topics remove-iam-policy-binding "$topic" --member="serviceAccount:$runtime_account" \
        --role="$runtime_topic_role" "${p[@]}" || true
    fi
    if $dry || [[ "$labels" == *"${created_label#*=}"* ]]; then run gcloud pubsub topics delete "$topic" --quiet "${p[@]}" || true; fi
  fi
  exists gcloud iam service-accounts describe "$runtime_account" "${p[@]}" \
    && run gcloud iam service-accounts delete "$runtime_account" --quiet "${p[@]}"
  exists gcloud iam service-accounts describe "$trigger_account" "${p[@]}" \
    && run gcloud iam service-accounts delete "$trigger_account" --quiet "${p[@]}"
  note "kept: the bucket gs://$bucket, the Firestore database and its indexes, the enabled APIs, and the Cloud Storage service agent's roles/pubsub.publisher (every storage trigger of the project needs it)"
  if $delete_data; then
    run gcloud firestore bulk-delete --database="$database" \
      --collection-ids="$collection,$usage_collection,shards,grants" --quiet "${p[@]}"
  else
    note "kept: the stored documents in $collection and $usage_collection (--delete-data deletes them)"
  fi
}

cd "$root"
if $uninstall; then remove; else install; fi
if ! $dry; then
  if $uninstall; then echo "deploy.sh: uninstalled $name from $project." >&2
  else echo "deploy.sh: deployed $name to $project ($region); upload an image to gs://$bucket to try it." >&2; fi
fi
