package catalog

// Prices are list prices in US dollars, first pricing tier, for the region
// each preset names. AWS, Google Cloud and Wasabi quote "GB" but bill
// binary gigabytes (2^30 bytes); Backblaze, Cloudflare and Microsoft do not
// say, and their prices are read as per GiB too (if they bill decimal
// gigabytes, their per-GiB price is 7.4% higher): those sources are marked
// unverified.
//
// Restore speed is per stream (one connection); a store sets `streams` for a
// restore that runs several in parallel. Only AWS publishes a per-connection
// figure; the other clouds use it as a marked assumption.

// src builds a Source.
func src(figures []string, says, url, date string) Source {
	return Source{Figures: figures, Says: says, URL: url, Date: date}
}

func unverified(s Source) Source { s.Unverified = true; return s }

func assumption(figures []string, says string) Source {
	return Source{Figures: figures, Says: says, Date: "2026-11-25", Assumption: true}
}

func fig(keys ...string) []string { return keys }

var (
	s3Prices = src(fig("price", "retrieval_fee", "min_days", "region"),
		"S3 storage class prices, US East (N. Virginia), first 50 TB; billed per 2^30 bytes; a lifecycle move into an IA class still bills 30 days at least",
		"https://aws.amazon.com/s3/pricing/", "2026-06-05")
	s3PricesSecondary = unverified(src(fig("price", "retrieval_fee", "min_days"),
		"the same table as transcribed by third parties (prices as of 2026-03 and 2026-06-05)",
		"https://www.usage.ai/blogs/aws/storage-cost/glacier-deep-archive-pricing/", "2026-06-05"))
	awsEgress = src(fig("egress"),
		"data transfer out to the internet: $0.09/GB, first 10 TB a month after 100 GB free",
		"https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer", "2026-01")
	awsStream = src(fig("restore"),
		"one S3 request stream (connection) moves 85-90 MB/s; about 15 fill 10 Gb/s",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance-guidelines.html", "2026-11-25")
	s3Lock = src(fig("lock"), "S3 Object Lock: WORM, governance and compliance modes",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html", "2026-11-25")
	s3Options   = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html"
	noRetrieval = func(url, date string) Source {
		return src(fig("retrieval"), "millisecond access: no restore request needed", url, date)
	}
	noMinimumSize = func(url, date string) Source {
		return src(fig("min_size", "monthly"), "no minimum monthly charge and no fixed fee", url, date)
	}

	gcsPricing = unverified(src(fig("price", "retrieval_fee", "egress", "region"),
		"us-central1, per GiB-month: Standard .02, Nearline .01, Coldline .004, Archive .0012; retrieval 0/.01/.02/.05 per GiB; egress $0.12/GiB for the first TiB (Premium tier); as transcribed 2026-09-20",
		"https://cloud.google.com/storage/pricing", "2026-09-20"))
	gcsClasses = src(fig("min_days", "retrieval"), "minimum storage duration 30, 90, 365 days; millisecond access in every class",
		"https://cloud.google.com/storage/docs/storage-classes", "2026-11-25")
	gcsLock = src(fig("lock"), "bucket lock: a locked retention policy (WORM)",
		"https://cloud.google.com/storage/docs/json_api/v1/buckets/lockRetentionPolicy", "2025-09-04")
	r2Lock  = src(fig("lock"), "bucket locks (retention rules per bucket)", "https://developers.cloudflare.com/r2/buckets/bucket-locks/", "2026-04-30")
	ltoLock = src(fig("lock"), "offline cartridges (an air gap) and WORM cartridges",
		"https://www.lto.org/2020/09/the-lto-program-releases-specifications-for-upcoming-generation-9/", "2020-09-09")
	ownHardware = assumption(fig("price", "monthly", "egress", "retrieval_fee", "retrieval", "min_days", "min_size", "lock", "region"),
		"hardware you already own: no price, fee or delay; put its cost in monthly:")
	otherStream = func(provider string) Source {
		return assumption(fig("restore"), "per-stream restore speed: "+provider+" publishes none; S3's 85 MB/s per connection is used; measure yours and set restore:")
	}

	azurePricing = unverified(src(fig("price", "region"),
		"Azure Blob LRS, East US 2 (eastus2), per GB-month: Hot $0.0184, Cool $0.01, Cold $0.0036, Archive $0.002 (Archive is $0.00099 only in some regions); from the Azure retail prices API, read through secondary pages",
		"https://azure.microsoft.com/en-us/pricing/details/storage/blobs/", "2026-11"))
	azureRetrieval = unverified(src(fig("retrieval_fee"), "data retrieval per GB: Cool $0.01, Cold $0.03; archive rehydration $0.022 standard priority, about $0.10 high priority",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/archive-cost-estimation", "2026-11"))
	azureTiers = src(fig("min_days"), "early deletion: cool 30, cold 90, archive 180 days",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/access-tiers-overview", "2026-11-25")
	azureRehydrate = src(fig("retrieval"), "archive rehydration: standard priority may take up to 15 hours; high priority under 1 hour for blobs under 10 GB",
		"https://learn.microsoft.com/en-us/azure/storage/blobs/archive-rehydrate-overview", "2026-11-25")
	azureOnline = noRetrieval("https://learn.microsoft.com/en-us/azure/storage/blobs/access-tiers-overview", "2026-11-25")
	azureLock   = src(fig("lock"), "immutable storage: time-based retention (WORM) and legal hold",
		"https://learn.microsoft.com/azure/storage/blobs/immutable-storage-overview", "2026-11-25")
	azureEgress = src(fig("egress"),
		"$0.087/GB to the internet over the Microsoft Global Network (the default routing), first 10 TB a month after 100 GB free",
		"https://techcommunity.microsoft.com/blog/startupsatmicrosoftblog/azure-routing-preference-a-hidden-lever-for-performance-vs-cost-trade-offs/4451425", "2025-09-05")

	awsOnline = noRetrieval("https://aws.amazon.com/s3/storage-classes/", "2026-11-25")
	s3Nothing = noMinimumSize("https://aws.amazon.com/s3/pricing/", "2026-06-05")
)

// s3 builds an S3 preset in us-east-1.
func s3(name, desc, price, fee, retrieval string, minDays int, retrievalSrc Source) Entry {
	return Entry{
		Name: name, Description: desc, Provider: "aws", Region: "us-east-1",
		Price: price, Egress: "$0.09/GiB", RetrievalFee: fee, Retrieval: retrieval, Restore: "85MB/s",
		MinDays: minDays, MinSize: "0B", Lockable: true, Medium: ObjectStorage, Monthly: "$0/month", AsOf: "2026-06-05",
		Sources: []Source{s3Prices, s3PricesSecondary, awsEgress, retrievalSrc, awsStream, s3Lock, s3Nothing},
	}
}

func gcs(name, desc, price, fee string, minDays int) Entry {
	return Entry{
		Name: name, Description: desc, Provider: "gcp", Region: "us-central1",
		Price: price, Egress: "$0.12/GiB", RetrievalFee: fee, Retrieval: "0s", Restore: "85MB/s",
		MinDays: minDays, MinSize: "0B", Lockable: true, Medium: ObjectStorage, Monthly: "$0/month", AsOf: "2026-09-20",
		Sources: []Source{gcsPricing, gcsClasses, gcsLock, otherStream("Google"), noMinimumSize("https://cloud.google.com/storage/pricing", "2026-09-20")},
	}
}

func azure(name, desc, price, fee, retrieval string, minDays int, retrievalSrc Source) Entry {
	return Entry{
		Name: name, Description: desc, Provider: "azure", Region: "eastus2",
		Price: price, Egress: "$0.087/GiB", RetrievalFee: fee, Retrieval: retrieval, Restore: "85MB/s",
		MinDays: minDays, MinSize: "0B", Lockable: true, Medium: ObjectStorage, Monthly: "$0/month", AsOf: "2026-11",
		Sources: []Source{azurePricing, azureRetrieval, azureTiers, retrievalSrc, azureLock, azureEgress, otherStream("Microsoft"),
			noMinimumSize("https://azure.microsoft.com/en-us/pricing/details/storage/blobs/", "2026-11")},
	}
}

var entries = []Entry{
	s3("s3-standard", "Amazon S3 Standard, us-east-1",
		"$0.023/GiB-month", "$0/GiB", "0s", 0, awsOnline),
	s3("s3-standard-ia", "Amazon S3 Standard-Infrequent Access, us-east-1",
		"$0.0125/GiB-month", "$0.01/GiB", "0s", 30, awsOnline),
	s3("s3-one-zone-ia", "Amazon S3 One Zone-Infrequent Access (one availability zone), us-east-1",
		"$0.01/GiB-month", "$0.01/GiB", "0s", 30, awsOnline),
	s3("s3-glacier-instant-retrieval", "Amazon S3 Glacier Instant Retrieval, us-east-1",
		"$0.004/GiB-month", "$0.03/GiB", "0s", 90, awsOnline),
	s3("s3-glacier-flexible-retrieval", "Amazon S3 Glacier Flexible Retrieval, standard retrieval (3-5 h), us-east-1",
		"$0.0036/GiB-month", "$0.01/GiB", "uniform(3h, 5h)", 90,
		src(fig("retrieval", "retrieval_fee"), "Flexible Retrieval: standard retrieval within 3-5 hours, $0.01/GB", s3Options, "2026-11-25")),
	s3("s3-glacier-flexible-retrieval-expedited", "Amazon S3 Glacier Flexible Retrieval, expedited retrieval (1-5 min for objects under 250 MB), us-east-1",
		"$0.0036/GiB-month", "$0.03/GiB", "uniform(1m, 5m)", 90,
		src(fig("retrieval", "retrieval_fee"), "expedited retrieval typically within 1-5 minutes for all but the largest objects (250 MB+), $0.03/GB; without provisioned capacity a request may be refused when demand is high", s3Options, "2026-11-25")),
	s3("s3-glacier-flexible-retrieval-bulk", "Amazon S3 Glacier Flexible Retrieval, bulk retrieval (5-12 h, free), us-east-1",
		"$0.0036/GiB-month", "$0/GiB", "uniform(5h, 12h)", 90,
		src(fig("retrieval", "retrieval_fee"), "bulk retrieval within 5-12 hours, free", s3Options, "2026-11-25")),
	s3("s3-glacier-deep-archive", "Amazon S3 Glacier Deep Archive, standard retrieval (within 12 h), us-east-1",
		"$0.00099/GiB-month", "$0.02/GiB", "uniform(9h, 12h)", 180,
		src(fig("retrieval", "retrieval_fee"), "standard retrieval typically within 12 hours, $0.02/GB; restores through Batch Operations start within 9 hours and finish within 12, hence uniform(9h, 12h)", s3Options, "2026-11-25")),
	s3("s3-glacier-deep-archive-bulk", "Amazon S3 Glacier Deep Archive, bulk retrieval (within 48 h), us-east-1",
		"$0.00099/GiB-month", "$0.0025/GiB", "48h", 180,
		src(fig("retrieval", "retrieval_fee"), "bulk retrieval within 48 hours, $0.0025/GB; 48h is that upper bound, as AWS gives no typical time", s3Options, "2026-11-25")),
	{
		Name: "ebs-snapshot", Description: "Amazon EBS snapshots, standard tier (incremental: model with kind: incremental), us-east-1",
		Medium:   ObjectStorage,
		Provider: "aws", Region: "us-east-1",
		Price: "$0.05/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, MinSize: "0B", Lockable: true, Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			src(fig("price", "retrieval_fee", "min_days", "region", "min_size", "monthly"), "standard tier $0.05 per GB-month of changed blocks, no fee to restore from it; the page carries no date, so the as-of date is the day it was read",
				"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive-pricing.html", "2026-11-25"),
			src(fig("egress", "retrieval"), "a snapshot restores into a new volume in its own region at once (blocks load on first read); it cannot be downloaded, so nothing leaves the region",
				"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-restoring-volume.html", "2026-11-25"),
			assumption(fig("restore"), "volumes made from a snapshot load blocks lazily from S3 on first read; S3's 85 MB/s per stream is used"),
			src(fig("lock"), "EBS snapshot lock (compliance and governance modes)",
				"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshot-lock.html", "2026-11-25"),
		},
	},
	{
		Name: "ebs-snapshot-archive", Description: "Amazon EBS Snapshots Archive (full snapshots, restore up to 72 h), us-east-1",
		Medium:   ObjectStorage,
		Provider: "aws", Region: "us-east-1",
		Price: "$0.0125/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0.03/GiB", Retrieval: "72h", Restore: "85MB/s",
		MinDays: 90, MinSize: "0B", Lockable: true, Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			src(fig("price", "retrieval_fee", "min_days", "region", "min_size", "monthly"), "archive tier $0.0125 per GB-month of the full snapshot, $0.03 per GB restored, 90-day minimum; the page carries no date, so the as-of date is the day it was read",
				"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive-pricing.html", "2026-11-25"),
			src(fig("retrieval", "egress"), "restoring an archived snapshot to the standard tier can take up to 72 hours, depending on its size (72h is that upper bound); it stays in its region",
				"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html", "2026-11-25"),
			assumption(fig("restore"), "once restored to the standard tier, blocks load lazily from S3; S3's 85 MB/s per stream is used"),
			src(fig("lock"), "EBS snapshot lock (compliance and governance modes)",
				"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshot-lock.html", "2026-11-25"),
		},
	},
	gcs("gcs-standard", "Google Cloud Storage Standard, regional, us-central1", "$0.02/GiB-month", "$0/GiB", 0),
	gcs("gcs-nearline", "Google Cloud Storage Nearline, regional, us-central1", "$0.01/GiB-month", "$0.01/GiB", 30),
	gcs("gcs-coldline", "Google Cloud Storage Coldline, regional, us-central1", "$0.004/GiB-month", "$0.02/GiB", 90),
	gcs("gcs-archive", "Google Cloud Storage Archive, regional, us-central1: millisecond access, 365-day minimum", "$0.0012/GiB-month", "$0.05/GiB", 365),
	azure("azure-hot", "Azure Blob Storage Hot, LRS, East US 2 (eastus2)", "$0.0184/GiB-month", "$0/GiB", "0s", 0, azureOnline),
	azure("azure-cool", "Azure Blob Storage Cool, LRS, East US 2 (eastus2)", "$0.01/GiB-month", "$0.01/GiB", "0s", 30, azureOnline),
	azure("azure-cold", "Azure Blob Storage Cold, LRS, East US 2 (eastus2)", "$0.0036/GiB-month", "$0.03/GiB", "0s", 90, azureOnline),
	azure("azure-archive", "Azure Blob Storage Archive, LRS, East US 2 (eastus2), standard-priority rehydration (up to 15 h)",
		"$0.002/GiB-month", "$0.022/GiB", "15h", 180, azureRehydrate),
	azure("azure-archive-high-priority", "Azure Blob Storage Archive, LRS, East US 2 (eastus2), high-priority rehydration (under 1 h for blobs under 10 GB)",
		"$0.002/GiB-month", "$0.1/GiB", "1h", 180, azureRehydrate),
	{
		Name: "backblaze-b2", Description: "Backblaze B2 Cloud Storage (one class; egress free up to 3x the data stored)",
		Medium:   ObjectStorage,
		Provider: "backblaze", Region: "us-west",
		Price: "$6.95/TiB-month", Egress: "$0.01/GiB", FreeEgress: 3, RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, MinSize: "0B", Lockable: true, Monthly: "$0/month", AsOf: "2026-03",
		Sources: []Source{
			unverified(src(fig("price", "egress", "free_egress", "min_days", "min_size", "monthly"),
				"$6.95 per TB-month from the March 2026 price update, no minimum duration; egress free up to 3x the average monthly data stored, then $0.01/GB, so a restore is usually free (billing unit not stated; read through secondary pages)",
				"https://www.backblaze.com/cloud-storage/pricing", "2026-03")),
			src(fig("retrieval_fee", "retrieval"), "one always-online class: no retrieval fee or delay",
				"https://www.backblaze.com/cloud-storage/pricing", "2026-03"),
			assumption(fig("region"), "B2 prices are the same in every region; us-west is B2's first region"),
			src(fig("lock"), "object lock: PutObjectLockConfiguration and PutObjectRetention are supported calls",
				"https://www.backblaze.com/b2/b2-transactions-price.html", "2026-11-25"),
			otherStream("Backblaze"),
		},
	},
	{
		Name: "wasabi", Description: "Wasabi Hot Cloud Storage, us-east-1, pay as you go (1 TiB minimum charge; egress free up to the data stored)",
		Medium:   ObjectStorage,
		Provider: "wasabi", Region: "us-east-1",
		Price: "$7.99/TiB-month", Egress: "$0/GiB", FreeEgress: 1, RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 90, MinSize: "1TiB", Lockable: true, Monthly: "$0/month", AsOf: "2026-07-01",
		Sources: []Source{
			src(fig("price", "region"), "$7.99 per TB-month from 2026-07-01 in every region, TB = 2^40 bytes ($0.0078/GiB-month)",
				"https://docs.wasabi.com/docs/may-2026-wasabi-pricing", "2026-07-01"),
			src(fig("min_size", "monthly"), "pay as you go bills at least 1 TB (1024 GB) of active storage a month",
				"https://wasabi-support.zendesk.com/hc/en-us/articles/360059412931-How-does-Wasabi-s-monthly-minimum-storage-charge-work-", "2026-11-25"),
			src(fig("egress", "free_egress", "min_days", "retrieval_fee", "retrieval"), "no egress or API fees while monthly egress stays at or below the data stored (beyond that Wasabi does not bill egress but may limit the service); 90-day minimum duration on pay as you go",
				"https://wasabi.com/pricing/pricing-faqs", "2026-11-25"),
			src(fig("lock"), "object lock (compliance mode)",
				"https://docs.wasabi.com/docs/immutability-compliance-and-object-locking", "2024-07-01"),
			otherStream("Wasabi"),
		},
	},
	{
		Name: "cloudflare-r2", Description: "Cloudflare R2 Standard (no egress fees)",
		Medium:   ObjectStorage,
		Provider: "cloudflare", Region: "auto",
		Price: "$0.015/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 0, MinSize: "0B", Lockable: true, Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			unverified(src(fig("price", "egress", "retrieval_fee", "retrieval", "min_days", "min_size", "monthly", "region"),
				"Standard $0.015/GB-month, no egress fees, no minimum duration; one price for every location (billing unit not stated; the page carries no date, so the as-of date is the day it was read)",
				"https://developers.cloudflare.com/r2/pricing/", "2026-11-25")),
			r2Lock,
			otherStream("Cloudflare"),
		},
	},
	{
		Name: "cloudflare-r2-infrequent-access", Description: "Cloudflare R2 Infrequent Access (30-day minimum, retrieval fee, no egress fees)",
		Medium:   ObjectStorage,
		Provider: "cloudflare", Region: "auto",
		Price: "$0.01/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0.01/GiB", Retrieval: "0s", Restore: "85MB/s",
		MinDays: 30, MinSize: "0B", Lockable: true, Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			unverified(src(fig("price", "egress", "retrieval_fee", "retrieval", "min_days", "min_size", "monthly", "region"),
				"Infrequent Access $0.01/GB-month, $0.01/GB retrieval, 30-day minimum, no egress fees (billing unit not stated; the page carries no date, so the as-of date is the day it was read)",
				"https://developers.cloudflare.com/r2/pricing/", "2026-11-25")),
			r2Lock,
			otherStream("Cloudflare"),
		},
	},
	{
		Name: "local-disk", Description: "A second hard disk in the same host (hardware cost not included)",
		Medium: Disk,
		Price:  "$0/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "275MB/s",
		MinDays: 0, MinSize: "0B", Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			unverified(src(fig("restore"), "Seagate Exos M 30TB: 275 MB/s maximum sustained rate, at the outer tracks; inner tracks about half",
				"https://www.seagate.com/products/enterprise-drives/exos/exos-m/", "2026-11-25")),
			ownHardware,
		},
	},
	{
		Name: "home-nas", Description: "A NAS at home on gigabit Ethernet (hardware cost not included)",
		Medium: NAS,
		Price:  "$0/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "1Gbit/s",
		MinDays: 0, MinSize: "0B", Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			src(fig("restore"), "gigabit Ethernet: 125 MB/s line rate (about 110-118 MB/s of payload); a restore to a remote host is limited by the home uplink instead: set restore:",
				"https://en.wikipedia.org/wiki/Gigabit_Ethernet", "2026-11-25"),
			ownHardware,
		},
	},
	{
		Name: "lto-tape", Description: "LTO-9 tape, stored offline (media, drive and vault costs not included)",
		Medium: Tape,
		Price:  "$0/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "0s", Restore: "400MB/s",
		MinDays: 0, MinSize: "0B", Offline: true, Monthly: "$0/month", AsOf: "2026-11-25",
		Sources: []Source{
			src(fig("restore"), "LTO-9 native transfer rate 400 MB/s for full-height drives (half-height: 300 MB/s), 18 TB native per cartridge",
				"https://itjungle.com/2021/09/08/lto-9-drives-and-cartridges-finally-get-out-the-door", "2021-09-08"),
			ltoLock,
			assumption(fig("price", "monthly", "egress", "retrieval_fee", "retrieval", "min_days", "min_size", "region"),
				"media, drive and vault not priced, and a cartridge in the drive loads at once: see onprem-tape-library for a priced library"),
		},
	},
	{
		Name: "onprem-tape-library", Description: "An on-premises LTO-9 autoloader, cartridges vaulted off site (prices are costdial's assumptions)",
		Medium: Tape,
		Price:  "$0.00014/GiB-month", Egress: "$0/GiB", RetrievalFee: "$0/GiB", Retrieval: "lognormal(4h, 24h)", Restore: "300MB/s",
		MinDays: 0, MinSize: "0B", Offline: true, Monthly: "$250/month", AsOf: "2026-11-25",
		Sources: []Source{
			assumption(fig("price"), "media: an 18 TB LTO-9 cartridge at about $90, written off over 36 months: $0.00014/GiB-month"),
			assumption(fig("monthly"), "an autoloader with one half-height LTO-9 drive at about $6,000 over 36 months, plus a vaulting service at about $80 a month"),
			assumption(fig("retrieval"), "fetching cartridges back from the vault: a median of 4 hours, 24 hours at the 95th percentile"),
			src(fig("restore"), "half-height LTO-9 drive: 300 MB/s native",
				"https://www.ibm.com/docs/en/ts2290", "2026-11-25"),
			ltoLock,
			assumption(fig("egress", "retrieval_fee", "min_days", "min_size", "region"), "your own hardware: no egress, fee or minimum"),
		},
	},
}

var providers = []Provider{
	{
		Name: "aws", Description: "Amazon Web Services", Egress: "$0.09/GiB", InterRegion: "$0.02/GiB", AsOf: "2026-01",
		Sources: []Source{
			awsEgress,
			src(fig("inter_region"), "data transfer between AWS regions: $0.02/GB for most pairs (us-east-1 to us-east-2: $0.01; more from some far regions); verified January 2026",
				"https://repost.aws/articles/ARjzluyMS8RbeOOK4MGXRG6Q/cost-effective-methods-for-accessing-s3-buckets-cross-region", "2026-01"),
		},
	},
	{
		Name: "gcp", Description: "Google Cloud", Egress: "$0.12/GiB", InterRegion: "$0.02/GiB", AsOf: "2026-09-20",
		Sources: []Source{
			gcsPricing,
			unverified(src(fig("inter_region"), "data transfer between regions within North America: $0.02/GiB (not re-read at the primary page)",
				"https://cloud.google.com/storage/pricing#network-buckets", "2026-09-20")),
		},
	},
	{
		Name: "azure", Description: "Microsoft Azure", Egress: "$0.087/GiB", InterRegion: "$0.02/GiB", AsOf: "2025-09-05",
		Sources: []Source{
			azureEgress,
			unverified(src(fig("inter_region"), "data transfer between regions within North America: $0.02/GB (not re-read at the primary page)",
				"https://azure.microsoft.com/en-us/pricing/details/bandwidth/", "2026-11")),
		},
	},
	{
		Name: "backblaze", Description: "Backblaze B2", Egress: "$0.01/GiB", InterRegion: "$0.01/GiB", AsOf: "2026-03",
		Sources: []Source{unverified(src(fig("egress", "inter_region"), "egress free up to 3x the average monthly data stored, then $0.01/GB (a store's free_egress: 3)",
			"https://www.backblaze.com/cloud-storage/pricing", "2026-03"))},
	},
	{
		Name: "wasabi", Description: "Wasabi", Egress: "$0/GiB", InterRegion: "$0/GiB", AsOf: "2026-07-01",
		Sources: []Source{src(fig("egress", "inter_region"), "no egress fees while monthly egress stays at or below the data stored",
			"https://wasabi.com/pricing/pricing-faqs", "2026-11-25")},
	},
	{
		Name: "cloudflare", Description: "Cloudflare R2", Egress: "$0/GiB", InterRegion: "$0/GiB", AsOf: "2026-11-25",
		Sources: []Source{src(fig("egress", "inter_region"), "no egress fees", "https://developers.cloudflare.com/r2/pricing/", "2026-11-25")},
	},
}
