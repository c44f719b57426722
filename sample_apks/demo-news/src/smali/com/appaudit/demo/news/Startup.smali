.class public Lcom/appaudit/demo/news/Startup;
.super Ljava/lang/Object;
.source "Startup.java"

# Everything that collects data starts here, after the user accepted the privacy policy.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static afterConsent(Landroid/content/Context;)V
    .registers 7
    const-string v0, "5f8e3c2b1a9d4e0012345678"
    const-string v1, "huawei"
    const/4 v2, 0x1
    const/4 v3, 0x0
    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    new-instance v0, Lcom/appaudit/demo/news/OaidCallback;
    invoke-direct {v0}, Lcom/appaudit/demo/news/OaidCallback;-><init>()V
    invoke-static {p0, v2, v0}, Lcom/bun/miitmdid/core/MdidSdkHelper;->InitSdk(Landroid/content/Context;ZLcom/bun/miitmdid/interfaces/IIdentifierListener;)I
    invoke-static {p0}, Lcn/jpush/android/api/JPushInterface;->init(Landroid/content/Context;)V
    new-instance v0, Lcom/amap/api/location/AMapLocationClient;
    invoke-direct {v0, p0}, Lcom/amap/api/location/AMapLocationClient;-><init>(Landroid/content/Context;)V
    invoke-virtual {v0}, Lcom/amap/api/location/AMapLocationClient;->startLocation()V
    invoke-static {p0}, Lcom/appaudit/demo/news/ShareCodeReader;->read(Landroid/content/Context;)Ljava/lang/String;
    return-void
.end method
