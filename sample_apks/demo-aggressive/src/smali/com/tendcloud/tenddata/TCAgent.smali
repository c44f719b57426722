.class public Lcom/tendcloud/tenddata/TCAgent;
.super Ljava/lang/Object;
.source "TCAgent.java"

# TalkingData analytics: a page-end report reads the Android ID. The host app calls it from
# Activity.onStop, when the app has left the foreground.

.field private static sContext:Landroid/content/Context;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .registers 1
    sput-object p0, Lcom/tendcloud/tenddata/TCAgent;->sContext:Landroid/content/Context;
    return-void
.end method

.method public static onPageEnd(Landroid/content/Context;Ljava/lang/String;)V
    .registers 4
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const-string v1, "android_id"
    invoke-static {v0, v1}, Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;
    const-string v0, "TCAgent"
    invoke-static {v0, p1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
