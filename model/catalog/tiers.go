package catalog

// Prices are list prices in US dollars for a US East region where the
// provider has regions, first pricing tier. Providers quote "GB" but bill
// binary gigabytes; the figures are kept per GiB. Figures this catalog could
// not source are zero and say so: set them in the scenario.
//
// Restore speed of cloud tiers: no provider publishes the throughput of a
// whole restore, so every cloud tier uses the rate AWS gives for one request
// stream, 85–90 MB/s (the low end). Restores that run many streams in
// parallel are faster: set `restore:` to what you measured.
const (
	s3Pricing     = "price, egress, retrieval fee, minimum duration: S3 storage class table, US East (N. Virginia), https://costnimbus.com/article/s3-storage-classes-cost-guide (prices as of 2026-03) and https://www.usage.ai/blogs/aws/storage-cost/glacier-deep-archive-pricing/ (updated 2026-06-05), both citing https://aws.amazon.com/s3/pricing/"
	awsEgress     = "egress: $0.09/GB first 10 TB a month after 100 GB free, https://www.egresscost.com/aws and https://wring.co/blog/aws-data-transfer-pricing-guide (2026), citing https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer"
	awsStream     = "restore: one request stream moves 85–90 MB/s, https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance-guidelines.html (read 2026-11-25)"
	s3Lock        = "object lock (WORM, governance and compliance modes): https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html (read 2026-11-25)"
	s3Retrieval   = "retrieval delay: standard retrieval 3–5 hours (Flexible Retrieval), within 12 hours (Deep Archive), https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html (read 2026-11-25)"
	gcsPricing    = "price, retrieval fee, egress: cloud.google.com/storage/pricing as transcribed on 2026-09-20 (us-central1; per GiB-hour × 730 h), https://github.com/api-evangelist/gcp-cloud-storage/blob/main/plans/gcp-cloud-storage-plans-pricing.yml"
	gcsClasses    = "minimum duration (30, 90, 365 days), millisecond access for every class: https://cloud.google.com/storage/docs/storage-classes (read 2026-11-25)"
	gcsLock       = "bucket lock (retention policy, WORM): https://cloud.google.com/storage/docs/json_api/v1/buckets/lockRetentionPolicy (updated 2025-09-04)"
	azurePricing  = "price, retrieval fee: Azure Blob LRS US East list prices (approximate) from https://azure.microsoft.com/en-us/pricing/details/storage/blobs/ as transcribed 2026-05-05, https://github.com/api-evangelist/microsoft-azure-blob-storage/blob/main/plans/microsoft-azure-blob-storage-plans-pricing.yml"
	azureTiers    = "minimum duration (cool 30, cold 90, archive 180 days): https://learn.microsoft.com/en-us/javascript/api/@azure/storage-blob/blockblobtier (read 2026-11-25)"
	azureRehydr   = "retrieval delay: standard-priority rehydration from archive may take up to 15 hours, https://learn.microsoft.com/en-us/azure/storage/blobs/storage-blob-rehydration (read 2026-11-25)"
	azureLock     = "immutable storage (WORM time-based retention and legal hold): https://learn.microsoft.com/azure/storage/blobs/immutable-container-level-worm-policies (read 2026-11-25)"
	azureEgress   = "egress: $0.087/GB to the internet in the United States over the Microsoft Global Network (the default routing), first 10 TB a month after 100 GB free, https://techcommunity.microsoft.com/blog/startupsatmicrosoftblog/azure-routing-preference-a-hidden-lever-for-performance-vs-cost-trade-offs/4451425 (2025-09-05), citing https://azure.microsoft.com/pricing/details/bandwidth/"
	notSourced    = "not sourced: 0 means the catalog does not know; set it in the scenario"
	catalogReadOn = "2026-11-25"
)

var entries = []Entry{
	{
		Name: "s3-standard", Description: "Amazon S3 Standard, US East",
		Price: "$0.023/GiB-month", Egress: "$0.09/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, Lockable: true, Monthly: "$0/month",
		Sources: []string{s3Pricing, awsEgress, awsStream, s3Lock}, Date: catalogReadOn,
	},
	{
		Name: "s3-standard-ia", Description: "Amazon S3 Standard-Infrequent Access, US East",
		Price: "$0.0125/GiB-month", Egress: "$0.09/GiB", RetrievalFee: "$0.01/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 30, Lockable: true, Monthly: "$0/month",
		Sources: []string{s3Pricing, awsEgress, awsStream, s3Lock}, Date: catalogReadOn,
	},
	{
		Name: "s3-one-zone-ia", Description: "Amazon S3 One Zone-Infrequent Access (one availability zone), US East",
		Price: "$0.01/GiB-month", Egress: "$0.09/GiB", RetrievalFee: "$0.01/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 30, Lockable: true, Monthly: "$0/month",
		Sources: []string{s3Pricing, awsEgress, awsStream, s3Lock}, Date: catalogReadOn,
	},
	{
		Name: "s3-glacier-instant-retrieval", Description: "Amazon S3 Glacier Instant Retrieval, US East",
		Price: "$0.004/GiB-month", Egress: "$0.09/GiB", RetrievalFee: "$0.03/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 90, Lockable: true, Monthly: "$0/month",
		Sources: []string{s3Pricing, awsEgress, awsStream, s3Lock}, Date: catalogReadOn,
	},
	{
		Name: "s3-glacier-flexible-retrieval", Description: "Amazon S3 Glacier Flexible Retrieval, standard retrieval, US East",
		Price: "$0.0036/GiB-month", Egress: "$0.09/GiB", RetrievalFee: "$0.01/GiB", Retrieval: "uniform(3h, 5h)", Restore: "85MB/s",
		MinDays: 90, Lockable: true, Monthly: "$0/month",
		Sources: []string{s3Pricing, awsEgress, s3Retrieval, awsStream, s3Lock}, Date: catalogReadOn,
	},
	{
		Name: "s3-glacier-deep-archive", Description: "Amazon S3 Glacier Deep Archive, standard retrieval, US East",
		Price: "$0.00099/GiB-month", Egress: "$0.09/GiB", RetrievalFee: "$0.02/GiB", Retrieval: "12h", Restore: "85MB/s",
		MinDays: 180, Lockable: true, Monthly: "$0/month",
		Sources: []string{s3Pricing, awsEgress, s3Retrieval, awsStream, s3Lock}, Date: catalogReadOn,
	},
	{
		Name: "gcs-standard", Description: "Google Cloud Storage Standard, regional (us-central1)",
		Price: "$0.02/GiB-month", Egress: "$0.12/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, Lockable: true, Monthly: "$0/month",
		Sources: []string{gcsPricing, gcsClasses, gcsLock, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "gcs-nearline", Description: "Google Cloud Storage Nearline, regional (us-central1)",
		Price: "$0.01/GiB-month", Egress: "$0.12/GiB", RetrievalFee: "$0.01/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 30, Lockable: true, Monthly: "$0/month",
		Sources: []string{gcsPricing, gcsClasses, gcsLock, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "gcs-coldline", Description: "Google Cloud Storage Coldline, regional (us-central1)",
		Price: "$0.004/GiB-month", Egress: "$0.12/GiB", RetrievalFee: "$0.02/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 90, Lockable: true, Monthly: "$0/month",
		Sources: []string{gcsPricing, gcsClasses, gcsLock, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "gcs-archive", Description: "Google Cloud Storage Archive, regional (us-central1): millisecond access, 365-day minimum",
		Price: "$0.0012/GiB-month", Egress: "$0.12/GiB", RetrievalFee: "$0.05/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 365, Lockable: true, Monthly: "$0/month",
		Sources: []string{gcsPricing, gcsClasses, gcsLock, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "azure-hot", Description: "Azure Blob Storage Hot, LRS, US East",
		Price: "$0.018/GiB-month", Egress: "$0.087/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, Lockable: true, Monthly: "$0/month",
		Sources: []string{azurePricing, azureTiers, azureLock, azureEgress, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "azure-cool", Description: "Azure Blob Storage Cool, LRS, US East",
		Price: "$0.01/GiB-month", Egress: "$0.087/GiB", RetrievalFee: "$0.01/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 30, Lockable: true, Monthly: "$0/month",
		Sources: []string{azurePricing, azureTiers, azureLock, azureEgress, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "azure-cold", Description: "Azure Blob Storage Cold, LRS, US East",
		Price: "$0.0036/GiB-month", Egress: "$0.087/GiB", RetrievalFee: "$0.03/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 90, Lockable: true, Monthly: "$0/month",
		Sources: []string{azurePricing, azureTiers, azureLock, azureEgress, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "azure-archive", Description: "Azure Blob Storage Archive, LRS, US East, standard-priority rehydration",
		Price: "$0.00099/GiB-month", Egress: "$0.087/GiB", RetrievalFee: "$0.022/GiB", Retrieval: "15h", Restore: "85MB/s",
		MinDays: 180, Lockable: true, Monthly: "$0/month",
		Sources: []string{azurePricing, azureTiers, azureRehydr, azureLock, azureEgress, awsStream}, Date: catalogReadOn,
	},
	{
		Name: "backblaze-b2", Description: "Backblaze B2 Cloud Storage (one class, no minimum duration)",
		Price: "$0.006/GiB-month", Egress: "$0.01/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, Lockable: true, Monthly: "$0/month",
		Sources: []string{
			"price, egress, no minimum duration: $0.006/GB-month, $0.01/GB downloaded, https://leanopstech.com/blog/backblaze-b2-pricing-2026/ (prices as of 2026-04)",
			"object lock: https://www.backblaze.com/b2/b2-transactions-price.html lists PutObjectLockConfiguration and PutObjectRetention (read 2026-11-25)",
			awsStream,
		}, Date: catalogReadOn,
	},
	{
		Name: "wasabi", Description: "Wasabi Hot Cloud Storage, pay as you go (no egress fees, 90-day minimum)",
		Price: "$0.0059/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 90, Lockable: true, Monthly: "$0/month",
		Sources: []string{
			"price, no egress fees, 90-day minimum: $5.99 per TB-month ($.0059 per GB), https://wasabi.com/pricing/pricing-faqs (read 2026-11-25; Wasabi may have raised it since)",
			"minimum duration: https://docs.wasabi.com/v1/docs/how-does-wasabis-minimum-storage-duration-policy-work (read 2026-11-25)",
			"object lock: https://docs.wasabi.com/docs/immutability-compliance-and-object-locking (2024-07-01)",
			awsStream,
		}, Date: catalogReadOn,
	},
	{
		Name: "cloudflare-r2", Description: "Cloudflare R2 Standard (no egress fees)",
		Price: "$0.015/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, Lockable: true, Monthly: "$0/month",
		Sources: []string{
			"price, free egress: https://developers.cloudflare.com/r2/pricing/ (cloudflare-docs r2/pricing.mdx, read 2026-11-25)",
			"bucket locks: https://developers.cloudflare.com/r2/buckets/bucket-locks/ (updated 2026-04-30)",
			awsStream,
		}, Date: catalogReadOn,
	},
	{
		Name: "local-disk", Description: "A second hard disk in the same host (hardware cost not included)",
		Price: "$0/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "275MB/s",
		MinDays: 0, Lockable: false, Monthly: "$0/month",
		Sources: []string{
			"restore: Seagate Exos M 30TB (ST30000NM004K) specification, max. sustained transfer rate 275 MB/s at the outer diameter (read 2026-11-25); inner tracks are slower",
			"price, monthly: " + notSourced,
		}, Date: catalogReadOn,
	},
	{
		Name: "home-nas", Description: "A NAS at home on gigabit Ethernet (hardware cost not included)",
		Price: "$0/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "1Gbit/s",
		MinDays: 0, Lockable: false, Monthly: "$0/month",
		Sources: []string{
			"restore: limited by its gigabit Ethernet ports (1000BASE-T, 1 Gbit/s), https://en.wikipedia.org/wiki/Synology (read 2026-11-25); a restore to a remote host is limited by the home uplink instead: set restore:",
			"price, monthly: " + notSourced,
		}, Date: catalogReadOn,
	},
	{
		Name: "lto-tape", Description: "LTO-9 tape, stored offline (media, drive and vault costs not included)",
		Price: "$0/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "400MB/s",
		MinDays: 0, Lockable: false, Offline: true, Monthly: "$0/month",
		Sources: []string{
			"restore: LTO-9 native transfer rate 400 MB/s, 18 TB native per cartridge, https://itjungle.com/2021/09/08/lto-9-drives-and-cartridges-finally-get-out-the-door (2021-09-08)",
			"offline (air gap) and WORM cartridges: https://www.lto.org/2020/09/the-lto-program-releases-specifications-for-upcoming-generation-9/ (2020-09-09)",
			"retrieval: fetching a cartridge from an off-site vault is " + notSourced,
			"price, monthly: " + notSourced,
		}, Date: catalogReadOn,
	},
}
